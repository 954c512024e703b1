namespace AgentLedger.Server.Features.Siem;

/// <summary>Where a destination connects; which fields apply depends on its kind (docs/siem.md). Nothing here is secret.</summary>
/// <param name="Url">splunk_hec: the HEC base URL (<c>https://splunk:8088/</c>); webhook: the full URL; elasticsearch: the cluster URL.</param>
/// <param name="Host">syslog: the receiver's host name or address.</param>
/// <param name="Port">syslog: the receiver's port (6514 for TLS).</param>
/// <param name="Transport">syslog: <c>tls</c> (default) or <c>tcp</c>.</param>
/// <param name="Index">splunk_hec: the index (must be allowed for the token).</param>
/// <param name="Sourcetype">splunk_hec: the sourcetype (default <c>agentledger:record</c> / <c>agentledger:audit</c>).</param>
/// <param name="IndexerAck">splunk_hec: wait for indexer acknowledgement before counting a batch delivered.</param>
/// <param name="DataStream">elasticsearch: the data stream to create documents in.</param>
/// <param name="CaCertificatePem">PEM CA certificate(s) to trust instead of the system store.</param>
/// <param name="ClientCertificatePem">PEM client certificate for mutual TLS (its key goes in secrets.client_key_pem).</param>
/// <param name="MaxBatchRecords">Most records per request or write, 1 to 5000 (default 500).</param>
public sealed record SiemEndpointBody(
    string? Url = null,
    string? Host = null,
    int? Port = null,
    string? Transport = null,
    string? Index = null,
    string? Sourcetype = null,
    bool? IndexerAck = null,
    string? DataStream = null,
    string? CaCertificatePem = null,
    string? ClientCertificatePem = null,
    int? MaxBatchRecords = null);
