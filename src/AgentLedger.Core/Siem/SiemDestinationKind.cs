namespace AgentLedger.Core.Siem;

/// <summary>Where a SIEM destination sends; see docs/siem.md for each one's wire contract.</summary>
public enum SiemDestinationKind
{
    /// <summary>Splunk HTTP Event Collector, <c>POST /services/collector/event</c>, envelopes concatenated.</summary>
    SplunkHec,

    /// <summary>Syslog RFC 5424 over TCP or TLS (RFC 5425) with octet-counting framing.</summary>
    Syslog,

    /// <summary>HTTP POST of NDJSON batches signed with <see cref="Delivery.WebhookSignature"/>.</summary>
    Webhook,

    /// <summary>Elasticsearch <c>_bulk</c> <c>create</c> actions into a data stream, ECS documents.</summary>
    Elasticsearch,
}
