using System.Text.Json.Nodes;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Where and how a destination connects; the fields that apply depend on its kind (<see cref="SiemDestinationValidator"/>
/// says which). Nothing here is secret: it is returned by the admin API as stored.
/// </summary>
public sealed record SiemEndpoint
{
    /// <summary>Base URL of Splunk HEC (<c>https://splunk:8088</c>) or Elasticsearch, or the full webhook URL.</summary>
    public Uri? Url { get; init; }

    /// <summary>Syslog receiver host name or address.</summary>
    public string? Host { get; init; }

    /// <summary>Syslog receiver port (6514 is RFC 5425's TLS port).</summary>
    public int? Port { get; init; }

    public SyslogTransport Transport { get; init; } = SyslogTransport.Tls;

    /// <summary>Splunk index; must be one the token may write to.</summary>
    public string? Index { get; init; }

    /// <summary>Splunk sourcetype (default <c>agentledger:record</c> or <c>agentledger:audit</c>).</summary>
    public string? Sourcetype { get; init; }

    /// <summary>Ask Splunk for indexer acknowledgement and count a batch delivered only once it is indexed.</summary>
    public bool IndexerAck { get; init; }

    /// <summary>Elasticsearch data stream name (<c>logs-agentledger-default</c>).</summary>
    public string? DataStream { get; init; }

    /// <summary>PEM CA certificate(s) the server certificate must chain to instead of the system store.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>PEM client certificate for mutual TLS; its key is a secret (<see cref="SiemSecrets.ClientKeyPem"/>).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>Most records per request (HEC, webhook, Elasticsearch) or per write (syslog).</summary>
    public int MaxBatchRecords { get; init; } = DefaultMaxBatchRecords;

    public const int DefaultMaxBatchRecords = 500;
    public const int MaxMaxBatchRecords = 5000;

    public JsonObject ToJson() => new()
    {
        ["url"] = Url?.ToString(),
        ["host"] = Host,
        ["port"] = Port,
        ["transport"] = SiemWireNames.Of(Transport),
        ["index"] = Index,
        ["sourcetype"] = Sourcetype,
        ["indexer_ack"] = IndexerAck,
        ["data_stream"] = DataStream,
        ["ca_certificate_pem"] = CaCertificatePem,
        ["client_certificate_pem"] = ClientCertificatePem,
        ["max_batch_records"] = MaxBatchRecords,
    };

    public static SiemEndpoint FromJson(JsonObject json) => new()
    {
        Url = (string?)json["url"] is { } url ? new Uri(url) : null,
        Host = (string?)json["host"],
        Port = (int?)json["port"],
        Transport = SiemWireNames.Parse<SyslogTransport>((string?)json["transport"] ?? "tls"),
        Index = (string?)json["index"],
        Sourcetype = (string?)json["sourcetype"],
        IndexerAck = (bool?)json["indexer_ack"] ?? false,
        DataStream = (string?)json["data_stream"],
        CaCertificatePem = (string?)json["ca_certificate_pem"],
        ClientCertificatePem = (string?)json["client_certificate_pem"],
        MaxBatchRecords = (int?)json["max_batch_records"] ?? DefaultMaxBatchRecords,
    };
}
