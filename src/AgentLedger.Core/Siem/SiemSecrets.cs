using System.Text.Json.Nodes;

namespace AgentLedger.Core.Siem;

/// <summary>
/// A destination's secrets: written once through the admin API, stored, used by the deliverer, never returned by the
/// API and never logged. A class rather than a record so that no generated <c>ToString</c> can print them.
/// </summary>
public sealed class SiemSecrets
{
    public static readonly SiemSecrets None = new();

    /// <summary>Splunk HEC token, sent as <c>Authorization: Splunk &lt;token&gt;</c>.</summary>
    public string? HecToken { get; init; }

    /// <summary>Webhook HMAC secret (<see cref="Delivery.WebhookSignature"/>).</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Elasticsearch API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>PEM private key of <see cref="SiemEndpoint.ClientCertificatePem"/>.</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>The names of the secrets that are set, for the API to say which exist without showing them.</summary>
    public IReadOnlyList<string> Names =>
        new[] { ("hec_token", HecToken), ("webhook_secret", WebhookSecret), ("api_key", ApiKey), ("client_key_pem", ClientKeyPem) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1).ToList();

    public override string ToString() => $"SiemSecrets({string.Join(", ", Names)}: redacted)";

    public JsonObject ToJson() => new()
    {
        ["hec_token"] = HecToken,
        ["webhook_secret"] = WebhookSecret,
        ["api_key"] = ApiKey,
        ["client_key_pem"] = ClientKeyPem,
    };

    public static SiemSecrets FromJson(JsonObject json) => new()
    {
        HecToken = (string?)json["hec_token"],
        WebhookSecret = (string?)json["webhook_secret"],
        ApiKey = (string?)json["api_key"],
        ClientKeyPem = (string?)json["client_key_pem"],
    };
}
