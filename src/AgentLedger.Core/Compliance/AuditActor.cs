namespace AgentLedger.Core.Compliance;

/// <summary>Who performed an audited action.</summary>
/// <param name="Type">One of <see cref="ApiKeyType"/>, <see cref="DashboardAccountType"/>, <see cref="LocalOperatorType"/> or <see cref="SystemType"/>.</param>
/// <param name="Id">The API key id (never its secret), the dashboard account id, or the operating-system account of a local operator.</param>
/// <param name="Name">The key's label, the dashboard account's e-mail, or null.</param>
public sealed record AuditActor(string Type, string? Id, string? Name)
{
    /// <summary>A request authenticated with an API key.</summary>
    public const string ApiKeyType = "API_KEY";

    /// <summary>Someone signed in to the web dashboard (a transcript view, an admin page).</summary>
    public const string DashboardAccountType = "DASHBOARD_ACCOUNT";

    /// <summary>Someone running the <c>agentledger</c> command on the server's machine.</summary>
    public const string LocalOperatorType = "LOCAL_OPERATOR";

    /// <summary>AgentLedger itself, acting on an earlier request (an export job finishing).</summary>
    public const string SystemType = "SYSTEM";

    public static readonly AuditActor System = new(SystemType, null, "AgentLedger");

    public static AuditActor ApiKey(string keyId, string? name) => new(ApiKeyType, keyId, name);

    public static AuditActor DashboardAccount(string accountId, string? email) => new(DashboardAccountType, accountId, email);

    public static AuditActor LocalOperator(string account) => new(LocalOperatorType, account, null);
}
