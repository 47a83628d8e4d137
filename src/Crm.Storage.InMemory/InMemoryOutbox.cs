using NodaTime;

namespace Crm.Storage.InMemory;

/// <summary>The in-memory outbox: messages in commit order with claim leases and retry times.</summary>
internal sealed class InMemoryOutbox(IClock clock) : IOutboxStore
{
    private readonly Lock _gate = new();
    // Slots are values in sequence order (no object per message besides the message itself): the
    // slot of sequence s is at index s - 1; chunks of finished slots are dropped from the front.
    private readonly ChunkedList<Slot> _slots = new();
    private readonly Dictionary<Guid, long> _byId = [];
    private readonly List<DeadLetter> _dead = [];
    private long _sequence;
    private long _firstOpen;

    /// <summary>Appends a commit's messages, all or none: an event id already in the outbox (from any tenant) is refused before anything is added.</summary>
    public void Append(IReadOnlyList<OutboxMessage> messages)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (_byId.ContainsKey(message.EventId))
                {
                    throw new ArgumentException($"The outbox already holds event {message.EventId}; event ids must be unique.", nameof(messages));
                }
            }

            foreach (var message in messages)
            {
                _slots.Add(new Slot(message));
                ++_sequence;
                _byId.Add(message.EventId, _sequence);
            }
        }
    }

    public ValueTask<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, Duration lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var now = clock.GetCurrentInstant();
        var claimed = new List<OutboxEntry>();
        lock (_gate)
        {
            var waiting = new HashSet<RecordRef>();
            for (var i = _firstOpen; i < _slots.Count && claimed.Count < maxCount; i++)
            {
                ref var slot = ref _slots[i];
                if (slot.Done || waiting.Contains(slot.Message.Subject))
                {
                    continue;
                }

                if (slot.AvailableAt > now)
                {
                    // Claimed by a live relay or waiting for a retry: the subject's later events wait too.
                    waiting.Add(slot.Message.Subject);
                    continue;
                }

                claimed.Add(new OutboxEntry(i + 1, slot.Message, slot.Attempts));
                waiting.Add(slot.Message.Subject);
                slot.Attempts++;
                slot.AvailableAt = now + lease;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<OutboxEntry>>(claimed);
    }

    public ValueTask CompleteAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        lock (_gate)
        {
            foreach (var id in eventIds)
            {
                if (_byId.Remove(id, out var sequence))
                {
                    SlotOf(sequence).Done = true;
                }
            }

            Compact();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(Guid eventId, Duration retryAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        lock (_gate)
        {
            if (_byId.TryGetValue(eventId, out var sequence))
            {
                SlotOf(sequence).AvailableAt = now + retryAfter;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeadLetterAsync(Guid eventId, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.Remove(eventId, out var sequence))
            {
                ref var slot = ref SlotOf(sequence);
                slot.Done = true;
                _dead.Add(new DeadLetter(new OutboxEntry(sequence, slot.Message, slot.Attempts), reason));
                Compact();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DeadLetter>>(_dead.Take(maxCount).ToList());
        }
    }

    public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult((long)_byId.Count);
        }
    }

    private void Compact()
    {
        while (_firstOpen < _slots.Count && _slots[_firstOpen].Done)
        {
            _firstOpen++;
        }

        _slots.DropBefore(_firstOpen);
    }

    private ref Slot SlotOf(long sequence) => ref _slots[sequence - 1];

    private struct Slot(OutboxMessage message)
    {
        public readonly OutboxMessage Message = message;

        public int Attempts;

        public Instant AvailableAt = Instant.MinValue;

        public bool Done;
    }
}
