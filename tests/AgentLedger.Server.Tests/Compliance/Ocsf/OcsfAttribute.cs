namespace AgentLedger.Server.Tests.Compliance.Ocsf;

/// <summary>An attribute of a resolved OCSF class or object: its dictionary type merged with the class's or object's own settings.</summary>
/// <param name="Enum">Allowed values (as decimal strings) and their captions; null when the attribute is not an enum.</param>
/// <param name="Profile">The profile that brings the attribute in; null when the class or object has it of its own.</param>
public sealed record OcsfAttribute(
    string Name, string Requirement, string Type, bool IsArray, IReadOnlyDictionary<string, string>? Enum, string? Sibling, string? Profile);
