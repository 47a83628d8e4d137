namespace Crm.Timeline;

/// <summary>A person who took part in an activity: a CRM record (contact, user), an address, or both.</summary>
/// <param name="Role">How they took part.</param>
/// <param name="Record">The CRM record, if known; the activity shows on its timeline.</param>
/// <param name="Address">An email address or phone number, if known.</param>
/// <param name="Name">A display name, if known.</param>
public sealed record ActivityParticipant(ParticipantRole Role, RecordRef? Record = null, string? Address = null, string? Name = null);
