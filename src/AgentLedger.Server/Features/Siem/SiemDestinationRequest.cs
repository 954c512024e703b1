namespace AgentLedger.Server.Features.Siem;

/// <summary>Creates or replaces a SIEM destination. On update, omitted secrets keep their stored values.</summary>
/// <param name="Name">A label, 1 to 100 characters.</param>
/// <param name="Kind"><c>splunk_hec</c>, <c>syslog</c>, <c>webhook</c> or <c>elasticsearch</c>; fixed once created.</param>
/// <param name="Enabled">Deliver (default true).</param>
/// <param name="Format"><c>native</c>, <c>ocsf</c>, <c>cef</c> (syslog) or <c>ecs</c> (elasticsearch); default native (ecs for elasticsearch).</param>
/// <param name="ContentLevel"><c>metadata</c> (default), <c>hashed</c> or <c>full</c>: how much prompt and response text leaves.</param>
/// <param name="StartFrom">On create: <c>beginning</c> (default) delivers every stored item; <c>now</c> only what arrives from now on.</param>
public sealed record SiemDestinationRequest(
    string? Name,
    string? Kind,
    bool? Enabled = null,
    string? Format = null,
    string? ContentLevel = null,
    SiemFilterBody? Filter = null,
    SiemEndpointBody? Endpoint = null,
    SiemSecretsBody? Secrets = null,
    string? StartFrom = null);
