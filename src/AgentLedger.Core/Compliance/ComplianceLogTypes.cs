namespace AgentLedger.Core.Compliance;

/// <summary>Wire names of <see cref="ComplianceLogType"/>, as OpenAI's Compliance Logs Platform spells them.</summary>
public static class ComplianceLogTypes
{
    public const string CodexLog = "CODEX_LOG";
    public const string AuditLog = "AUDIT_LOG";

    public static IReadOnlyList<ComplianceLogType> All { get; } = [ComplianceLogType.CodexLog, ComplianceLogType.AuditLog];

    public static IEnumerable<string> AllNames => All.Select(Of);

    public static string Of(ComplianceLogType type) => type switch
    {
        ComplianceLogType.CodexLog => CodexLog,
        ComplianceLogType.AuditLog => AuditLog,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a wire name; case matters, as it does for OpenAI's API.</summary>
    public static bool TryParse(string? name, out ComplianceLogType type)
    {
        switch (name)
        {
            case CodexLog:
                type = ComplianceLogType.CodexLog;
                return true;
            case AuditLog:
                type = ComplianceLogType.AuditLog;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
