namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>A value written to a JSON column (<c>jsonb</c> on PostgreSQL, text on SQLite).</summary>
/// <param name="Text">The JSON.</param>
internal sealed record JsonText(string Text);
