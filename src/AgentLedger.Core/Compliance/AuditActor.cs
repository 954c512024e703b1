namespace AgentLedger.Core.Compliance;

/// <summary>Who performed an audited action.</summary>
/// <param name="Type">One of <see cref="ApiKeyType"/>, <see cref="LocalOperatorType"/> or <see cref="SystemType"/>.</param>
/// <param name="Id">The API key id (never its secret), or the operating-system account of a local operator.</param>
/// <param name="Name">The key's label, or null.</param>
public sealed record AuditActor(string Type, string? Id, string? Name)
{
    /// <summary>A request authenticated with an API key.</summary>
    public const string ApiKeyType = "API_KEY";

    /// <summary>Someone running the <c>agentledger</c> command on the server's machine.</summary>
    public const string LocalOperatorType = "LOCAL_OPERATOR";

    /// <summary>AgentLedger itself, acting on an earlier request (an export job finishing).</summary>
    public const string SystemType = "SYSTEM";

    public static readonly AuditActor System = new(SystemType, null, "AgentLedger");

    public static AuditActor ApiKey(string keyId, string? name) => new(ApiKeyType, keyId, name);

    public static AuditActor LocalOperator(string account) => new(LocalOperatorType, account, null);
}
