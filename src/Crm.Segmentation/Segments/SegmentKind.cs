namespace Crm.Segmentation;

/// <summary>How a segment's members are decided.</summary>
public enum SegmentKind
{
    /// <summary>By a rule (docs/rules.md), evaluated on demand or on a schedule.</summary>
    Dynamic,

    /// <summary>By an explicit list of members.</summary>
    Static,
}
