namespace Crm.Rules.Clr;

/// <summary>
/// Marks an operation compiled rules call that never throws a <see cref="Evaluation.RecordErrorException"/>:
/// a rule that calls only such operations is compiled without a try region. Unmarked operations are
/// assumed to throw one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class NoRecordErrorAttribute : Attribute;
