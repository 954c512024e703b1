namespace AgentLedger.Core.Compliance;

/// <summary>The outcome of an audited action, written as OpenAI's <c>action_result</c> (<c>SUCCESS</c>, …).</summary>
public enum AuditResult
{
    Success = 0,

    /// <summary>Refused: the caller lacked the scope, or the object was not theirs.</summary>
    Denied,

    /// <summary>Accepted but did not complete (a read that broke off, an export that failed).</summary>
    Failed,
}
