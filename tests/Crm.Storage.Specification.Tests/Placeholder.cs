namespace Crm.Storage.Specification.Tests; internal static class Placeholder { }
