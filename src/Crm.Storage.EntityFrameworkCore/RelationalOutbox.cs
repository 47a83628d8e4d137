using Crm.Storage.EntityFrameworkCore.Sql;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// The outbox in the database, shared by every relay on every server. A claim is one transaction
/// that takes, in sequence order, the first pending message of each subject whose lease has
/// ended; on PostgreSQL it locks them with <c>FOR UPDATE SKIP LOCKED</c>, so relays running at the
/// same time claim different messages and never wait for each other, and a subject whose first
/// message another relay holds is skipped until that message is done. A relay killed mid-batch
/// leaves its claims to expire: the messages are delivered again (at least once, same event id).
/// </summary>
internal sealed class RelationalOutbox(RelationalCrmStore store) : IOutboxStore
{
    private const string Columns = "o.tenant_id, o.sequence, o.event_id, o.event_type, o.subject_type, o.subject_id, o.occurred_at, o.payload, o.attempts";

    public async ValueTask<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, Duration lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, 10_000);
        var now = store.Clock.GetCurrentInstant();
        var dialect = store.Setup.Dialect;
        var names = store.Setup.Names;
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await dialect.BeginAsync(db, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var select = new SqlText(dialect);
                select.Append($"SELECT {Columns} FROM {names.Outbox} o WHERE o.available_at <= {select.Add(dialect.Instant(now))} ")
                    .Append($"AND NOT EXISTS (SELECT 1 FROM {names.Outbox} e WHERE e.tenant_id = o.tenant_id AND e.subject_type = o.subject_type AND e.subject_id = o.subject_id AND e.sequence < o.sequence) ")
                    .Append($"ORDER BY o.sequence LIMIT {select.Add(maxCount)}{dialect.ForUpdateSkipLocked}");
                var claimed = await Commands.ListAsync(db, select, r => Read(r, dialect), cancellationToken).ConfigureAwait(false);
                foreach (var chunk in claimed.Chunk(SqlDialect.MaxListValues))
                {
                    var update = new SqlText(dialect);
                    var until = update.Add(dialect.Instant(now + lease));
                    update.Append($"UPDATE {names.Outbox} SET attempts = attempts + 1, available_at = {until} WHERE {dialect.InIds(update, "event_id", chunk.Select(c => c.Message.EventId))}");
                    await Commands.ExecuteAsync(db, update, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return claimed;
            }
        }
    }

    public async ValueTask CompleteAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        foreach (var chunk in eventIds.Chunk(SqlDialect.MaxListValues))
        {
            var sql = new SqlText(store.Setup.Dialect);
            sql.Append($"DELETE FROM {store.Setup.Names.Outbox} WHERE {store.Setup.Dialect.InIds(sql, "event_id", chunk)}");
            await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask ReleaseAsync(Guid eventId, Duration retryAfter, CancellationToken cancellationToken)
    {
        var dialect = store.Setup.Dialect;
        var sql = new SqlText(dialect);
        sql.Append($"UPDATE {store.Setup.Names.Outbox} SET available_at = {sql.Add(dialect.Instant(store.Clock.GetCurrentInstant() + retryAfter))} WHERE event_id = {sql.Add(dialect.Id(eventId))}");
        await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DeadLetterAsync(Guid eventId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var dialect = store.Setup.Dialect;
        var names = store.Setup.Names;
        var sql = new SqlText(dialect);
        var id = sql.Add(dialect.Id(eventId));
        sql.Append($"INSERT INTO {names.DeadLetters} (tenant_id, sequence, event_id, event_type, subject_type, subject_id, occurred_at, payload, attempts, reason) ")
            .Append($"SELECT {Columns}, {sql.Add(reason)} FROM {names.Outbox} o WHERE o.event_id = {id};")
            .Append($"DELETE FROM {names.Outbox} WHERE event_id = {id};");
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await dialect.BeginAsync(db, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await Commands.ExecuteAsync(db, sql, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var dialect = store.Setup.Dialect;
        var sql = new SqlText(dialect);
        sql.Append($"SELECT {Columns}, o.reason FROM {store.Setup.Names.DeadLetters} o ORDER BY o.sequence LIMIT {sql.Add(maxCount)}");
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await Commands.ListAsync(db, sql, r => new DeadLetter(Read(r, dialect), r.GetString(9)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        var sql = new SqlText(store.Setup.Dialect).Append($"SELECT COUNT(*) FROM {store.Setup.Names.Outbox}");
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await Commands.CountAsync(db, sql, cancellationToken).ConfigureAwait(false);
        }
    }

    private static OutboxEntry Read(System.Data.Common.DbDataReader r, SqlDialect dialect) => new(
        r.GetInt64(1),
        new OutboxMessage(dialect.ReadId(r, 2), new TenantId(r.GetString(0)), r.GetString(3), new RecordRef(r.GetString(4), dialect.ReadId(r, 5)), dialect.ReadInstant(r, 6), r.GetString(7)),
        r.GetInt32(8));

    private async Task ExecuteAsync(SqlText sql, CancellationToken cancellationToken)
    {
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            await Commands.ExecuteAsync(db, sql, cancellationToken).ConfigureAwait(false);
        }
    }
}
