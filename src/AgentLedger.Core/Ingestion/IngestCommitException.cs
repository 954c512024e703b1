namespace AgentLedger.Core.Ingestion;

/// <summary>A group commit failed; none of the batch's records were stored and the request may be retried.</summary>
public sealed class IngestCommitException : Exception
{
    public IngestCommitException()
    {
    }

    public IngestCommitException(string message)
        : base(message)
    {
    }

    public IngestCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
