using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Checks a destination before it is stored. Every error names the field as the admin API spells it
/// (<c>endpoint.url</c>, <c>secrets.hec_token</c>, …) and says what is allowed.
/// </summary>
public static class SiemDestinationValidator
{
    public const int MaxNameLength = 100;
    public const int MinWebhookSecretLength = 16;
    public const int MaxPemLength = 64 * 1024;

    public static IReadOnlyList<string> Validate(SiemDestination d)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > MaxNameLength)
        {
            errors.Add($"name is required, at most {MaxNameLength} characters.");
        }

        var e = d.Endpoint;
        if (e.MaxBatchRecords is < 1 or > SiemEndpoint.MaxMaxBatchRecords)
        {
            errors.Add($"endpoint.max_batch_records must be between 1 and {SiemEndpoint.MaxMaxBatchRecords}.");
        }

        var formats = d.Kind switch
        {
            SiemDestinationKind.Syslog => new[] { SiemPayloadFormat.Native, SiemPayloadFormat.Ocsf, SiemPayloadFormat.Cef },
            SiemDestinationKind.Elasticsearch => [SiemPayloadFormat.Ecs],
            _ => [SiemPayloadFormat.Native, SiemPayloadFormat.Ocsf],
        };
        if (!formats.Contains(d.Format))
        {
            errors.Add($"format '{SiemWireNames.Of(d.Format)}' does not fit a {SiemWireNames.Of(d.Kind)} destination; use one of: "
                       + string.Join(", ", formats.Select(SiemWireNames.Of)) + ".");
        }

        switch (d.Kind)
        {
            case SiemDestinationKind.Syslog:
                if (string.IsNullOrWhiteSpace(d.Endpoint.Host) || Uri.CheckHostName(d.Endpoint.Host) == UriHostNameType.Unknown)
                {
                    errors.Add("endpoint.host is required for syslog: a host name or IP address.");
                }

                if (e.Port is not (>= 1 and <= 65535))
                {
                    errors.Add("endpoint.port is required for syslog: 1 to 65535 (6514 is syslog over TLS).");
                }

                if (e.Transport == SyslogTransport.Tcp && (e.CaCertificatePem is not null || e.ClientCertificatePem is not null))
                {
                    errors.Add("endpoint.ca_certificate_pem and endpoint.client_certificate_pem need endpoint.transport 'tls'.");
                }

                break;
            case SiemDestinationKind.SplunkHec:
                RequireUrl(e, errors);
                if (string.IsNullOrWhiteSpace(d.Secrets.HecToken))
                {
                    errors.Add("secrets.hec_token is required for splunk_hec.");
                }

                break;
            case SiemDestinationKind.Webhook:
                RequireUrl(e, errors);
                if (d.Secrets.WebhookSecret is not { Length: >= MinWebhookSecretLength })
                {
                    errors.Add($"secrets.webhook_secret is required for webhook: at least {MinWebhookSecretLength} characters.");
                }

                break;
            case SiemDestinationKind.Elasticsearch:
                RequireUrl(e, errors);
                if (!IsDataStreamName(e.DataStream))
                {
                    errors.Add("endpoint.data_stream is required for elasticsearch: lower case, without spaces or \\/*?\"<>|,#:, "
                               + "not starting with '-', '_' or '+' (e.g. logs-agentledger-default).");
                }

                break;
        }

        ValidateTls(d, errors);
        ValidateFilter(d, errors);
        return errors;
    }

    private static void RequireUrl(SiemEndpoint e, List<string> errors)
    {
        if (e.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add("endpoint.url is required: an absolute http or https URL without credentials.");
        }
    }

    private static void ValidateTls(SiemDestination d, List<string> errors)
    {
        var e = d.Endpoint;
        if (e.CaCertificatePem is { } ca && !TryLoadCertificates(ca))
        {
            errors.Add("endpoint.ca_certificate_pem is not a PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        if ((e.ClientCertificatePem is null) != (d.Secrets.ClientKeyPem is null))
        {
            errors.Add("endpoint.client_certificate_pem and secrets.client_key_pem go together.");
        }
        else if (e.ClientCertificatePem is { } cert && !TryLoadClientCertificate(cert, d.Secrets.ClientKeyPem!))
        {
            errors.Add("endpoint.client_certificate_pem and secrets.client_key_pem are not a PEM certificate and its private key.");
        }
    }

    private static void ValidateFilter(SiemDestination d, List<string> errors)
    {
        if (d.Filter.Source != SiemSource.AuditLog)
        {
            return;
        }

        if (!d.Filter.Records.IsEmpty || d.Filter.DlpFindingsOnly)
        {
            errors.Add("filter: the audit_log source takes no record conditions (kinds, agents, users, dlp_findings_only).");
        }

        if (d.Format != SiemPayloadFormat.Native)
        {
            errors.Add("format: the audit_log source is sent as native AUDIT_LOG lines.");
        }
    }

    private static bool IsDataStreamName(string? name) =>
        name is { Length: > 0 and <= 255 } && !name.Any(char.IsUpper) && name[0] is not ('-' or '_' or '+')
        && name.IndexOfAny([' ', '\\', '/', '*', '?', '"', '<', '>', '|', ',', '#', ':']) < 0 && name is not ("." or "..");

    public static bool TryLoadCertificates(string pem)
    {
        if (pem.Length > MaxPemLength)
        {
            return false;
        }

        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            return collection.Count > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool TryLoadClientCertificate(string certificatePem, string keyPem)
    {
        if (certificatePem.Length > MaxPemLength || keyPem.Length > MaxPemLength)
        {
            return false;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            return certificate.HasPrivateKey;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
