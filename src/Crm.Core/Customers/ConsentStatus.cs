namespace Crm.Customers;

/// <summary>Whether marketing contact through a channel is consented to.</summary>
public enum ConsentStatus
{
    /// <summary>Nothing recorded.</summary>
    Unknown,

    /// <summary>Consent given (opt-in).</summary>
    Granted,

    /// <summary>Consent refused or withdrawn (opt-out).</summary>
    Withdrawn,
}
