namespace AgentLedger.Server.Tests.Compliance.Ocsf;

/// <summary>An OCSF event class or object with everything it inherits and includes resolved.</summary>
public sealed record OcsfType(
    string Name, string? Caption, int? Uid, string? Category, IReadOnlyDictionary<string, OcsfAttribute> Attributes,
    IReadOnlyList<IReadOnlyList<string>> AtLeastOne);
