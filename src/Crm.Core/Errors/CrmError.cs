namespace Crm;

/// <summary>
/// One problem a caller can act on: a stable <see cref="Code"/> from <see cref="CrmErrorCodes"/>,
/// a human-readable <see cref="Message"/>, and where it is — the JSON <see cref="Path"/> inside a
/// record (<c>contactPoints[1].value</c>) and the <see cref="Record"/> it concerns.
/// </summary>
/// <param name="Code">The stable error code (see <see cref="CrmErrorCodes"/>); safe to switch on.</param>
/// <param name="Message">An English message saying what is wrong and how to fix it.</param>
/// <param name="Path">The camelCase JSON path within the record, or <see langword="null"/> when the error concerns the whole record or operation.</param>
/// <param name="Record">The record concerned (entity type and id), or <see langword="null"/>.</param>
public sealed record CrmError(string Code, string Message, string? Path = null, RecordRef? Record = null)
{
    /// <summary>Returns the same error attached to a record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The error with <see cref="Record"/> set.</returns>
    public CrmError For(RecordRef record) => this with { Record = record };

    /// <summary>A one-line text form: <c>code at record/path: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var where = (Record, Path) switch
        {
            (null, null) => string.Empty,
            (null, var p) => $" at {p}",
            (var r, null) => $" at {r}",
            (var r, var p) => $" at {r} {p}",
        };
        return $"{Code}{where}: {Message}";
    }
}
