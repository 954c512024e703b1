namespace AgentLedger.Core.Analytics;

/// <summary>A query parameter cannot be honoured; <see cref="Parameter"/> names it as the API spells it.</summary>
public sealed class AnalyticsQueryException : Exception
{
    public AnalyticsQueryException()
    {
        Parameter = "";
    }

    public AnalyticsQueryException(string message)
        : base(message)
    {
        Parameter = "";
    }

    public AnalyticsQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "";
    }

    public AnalyticsQueryException(string parameter, string message)
        : base(message)
    {
        Parameter = parameter;
    }

    public string Parameter { get; }
}
