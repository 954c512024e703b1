namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Credits spent on one model within a row.</summary>
/// <param name="Model">Model name as the agent reported it; <c>other</c> for usage without a model name.</param>
/// <param name="Credits">Credits spent on the model.</param>
/// <param name="CostUsd">Cost in USD.</param>
public sealed record CodexModelUsage(string Model, decimal Credits, decimal CostUsd)
{
    /// <summary>Always <c>standard</c>: no agent reports a speed tier.</summary>
    public string Speed => "standard";
}
