namespace AgentLedger.Core.Records;

/// <summary>The ingest path a record arrived through.</summary>
public enum RecordSource
{
    NativeEvent = 0,
    Otlp,
    GitHubWebhook,
    Gateway,
}
