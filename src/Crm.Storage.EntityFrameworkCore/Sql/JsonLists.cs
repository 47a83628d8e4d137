using System.Text.Json.Serialization;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>Source-generated JSON for the value lists bound as one parameter.</summary>
[JsonSerializable(typeof(IEnumerable<string>))]
internal sealed partial class JsonLists : JsonSerializerContext;
