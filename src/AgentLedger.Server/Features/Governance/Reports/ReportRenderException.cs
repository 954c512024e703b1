namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>The PDF could not be printed; the message says why and which setting to check.</summary>
public sealed class ReportRenderException : Exception
{
    public ReportRenderException()
    {
    }

    public ReportRenderException(string message)
        : base(message)
    {
    }

    public ReportRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
