namespace AgentLedger.Server.Features.Siem;

/// <summary>A destination's secrets: accepted on create and update, never returned (responses list only which are set).</summary>
/// <param name="HecToken">splunk_hec: the HEC token.</param>
/// <param name="WebhookSecret">webhook: the HMAC-SHA256 shared secret, at least 16 characters.</param>
/// <param name="ApiKey">elasticsearch: an API key (sent as <c>Authorization: ApiKey …</c>).</param>
/// <param name="ClientKeyPem">The PEM private key of endpoint.client_certificate_pem.</param>
public sealed record SiemSecretsBody(string? HecToken = null, string? WebhookSecret = null, string? ApiKey = null, string? ClientKeyPem = null);
