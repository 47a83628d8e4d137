namespace Crm.Core.Tests; internal static class Placeholder { }
