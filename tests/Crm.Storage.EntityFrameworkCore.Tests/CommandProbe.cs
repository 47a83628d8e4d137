using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// An EF Core interceptor on the store's commands: counts the rows each query actually reads from
/// the database, and can fail a chosen command (after earlier ones succeeded) to inject a fault.
/// </summary>
internal sealed class CommandProbe : DbCommandInterceptor
{
    private int _armedAfter = -1;
    private string? _failOn;
    private int _seen;

    /// <summary>Every reader's command text and the rows read from it, in order.</summary>
    public ConcurrentQueue<(string Sql, Func<int> RowsRead)> Reads { get; } = new();

    /// <summary>Every command text, in order.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Fails the first command containing <paramref name="text"/> once <paramref name="afterCommands"/> commands have run since arming.</summary>
    public void FailOn(string text, int afterCommands = 1)
    {
        _failOn = text;
        _seen = 0;
        _armedAfter = afterCommands;
    }

    /// <summary>Whether the fault fired.</summary>
    public bool Fired { get; private set; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        var counting = new CountingReader(result);
        Reads.Enqueue((command.CommandText, () => counting.Rows));
        return ValueTask.FromResult<DbDataReader>(counting);
    }

    private void Before(DbCommand command)
    {
        Commands.Enqueue(command.CommandText);
        if (_failOn is null || _armedAfter < 0)
        {
            return;
        }

        if (_seen++ >= _armedAfter && command.CommandText.Contains(_failOn, StringComparison.Ordinal))
        {
            _failOn = null;
            Fired = true;
            throw new InjectedFaultException($"Injected fault before: {command.CommandText[..Math.Min(80, command.CommandText.Length)]}");
        }
    }
}

/// <summary>The fault the probe injects.</summary>
internal sealed class InjectedFaultException(string message) : Exception(message);
