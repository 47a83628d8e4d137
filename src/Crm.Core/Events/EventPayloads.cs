using System.Buffers;
using System.Text;
using System.Text.Json;
using Crm.Json;

namespace Crm.Events;

/// <summary>Writes a domain event's JSON payload for the outbox.</summary>
internal static class EventPayloads
{
    // A commit writes one payload per event; a writer and buffer kept per thread spare the
    // serializer's own rent-and-return of both for every event (~40 % of a small payload's cost).
    // A buffer grown past this by an unusually large event is not kept. The writer skips structural
    // checks as the serializer's own writer does in release builds (a module's converter that writes
    // malformed JSON behaves as before).
    private const int KeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Serialize(IDomainEvent domainEvent)
    {
        var info = CrmJson.Options.GetTypeInfo(domainEvent.GetType());
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CrmJson.Options.Encoder, MaxDepth = CrmJson.Options.MaxDepth, SkipValidation = true });
        writer.Reset(buffer);
        try
        {
            JsonSerializer.Serialize(writer, domainEvent, info);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > KeptCapacity)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
