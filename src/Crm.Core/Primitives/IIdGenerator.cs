namespace Crm;

/// <summary>Creates new UUIDv7 values whose timestamp comes from the injected clock.</summary>
public interface IIdGenerator
{
    /// <summary>Returns a new UUIDv7.</summary>
    /// <returns>A new, unique UUID.</returns>
    Guid NewGuid();
}
