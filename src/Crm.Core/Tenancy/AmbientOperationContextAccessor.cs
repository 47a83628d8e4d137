namespace Crm;

/// <summary>
/// The default <see cref="IOperationContextAccessor"/>: a context that flows with the async call
/// (an <see cref="AsyncLocal{T}"/> held by this instance, not static state).
/// </summary>
public sealed class AmbientOperationContextAccessor : IOperationContextAccessor
{
    private readonly AsyncLocal<OperationContext?> _current = new();

    /// <inheritdoc />
    public OperationContext? Current => _current.Value;

    /// <summary>Sets the context for the current async flow until the returned scope is disposed.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A scope that restores the previous context.</returns>
    public IDisposable Use(OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var previous = _current.Value;
        _current.Value = context;
        return new Restore(this, previous);
    }

    private sealed class Restore(AmbientOperationContextAccessor owner, OperationContext? previous) : IDisposable
    {
        public void Dispose() => owner._current.Value = previous;
    }
}
