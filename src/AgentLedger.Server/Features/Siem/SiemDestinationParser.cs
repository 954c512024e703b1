using AgentLedger.Core.Compliance;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Compliance.Records;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Turns a <see cref="SiemDestinationRequest"/> into a <see cref="SiemDestination"/>, or into the list of what is wrong,
/// each naming the field. On update the kind is fixed and omitted secrets keep the stored ones.
/// </summary>
public static class SiemDestinationParser
{
    public static bool TryParse(
        SiemDestinationRequest request, string workspaceId, string id, DateTimeOffset now, SiemDestination? existing,
        out SiemDestination destination, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        destination = null!;
        errors = list;

        var kind = existing?.Kind ?? SiemDestinationKind.Webhook;
        if (existing is null && !SiemWireNames.TryParse(request.Kind, out kind))
        {
            list.Add($"kind is required: one of {string.Join(", ", SiemWireNames.AllKinds)}.");
        }
        else if (existing is not null && request.Kind is not null && request.Kind != SiemWireNames.Of(existing.Kind))
        {
            list.Add($"kind cannot change (it is {SiemWireNames.Of(existing.Kind)}); create a new destination instead.");
        }

        var format = kind == SiemDestinationKind.Elasticsearch ? SiemPayloadFormat.Ecs : SiemPayloadFormat.Native;
        if (request.Format is not null && !SiemWireNames.TryParse(request.Format, out format))
        {
            list.Add($"format '{request.Format}' is unknown: one of {string.Join(", ", SiemWireNames.AllFormats)}.");
        }

        var contentLevel = SiemContentLevel.Metadata;
        if (request.ContentLevel is not null && !SiemWireNames.TryParse(request.ContentLevel, out contentLevel))
        {
            list.Add($"content_level '{request.ContentLevel}' is unknown: one of {string.Join(", ", SiemWireNames.AllContentLevels)}.");
        }

        if (request.StartFrom is not (null or "beginning" or "now"))
        {
            list.Add("start_from must be 'beginning' or 'now'.");
        }

        var filter = ParseFilter(request.Filter ?? new SiemFilterBody(), list);
        var endpoint = ParseEndpoint(request.Endpoint ?? new SiemEndpointBody(), list);
        var secrets = request.Secrets ?? new SiemSecretsBody();
        var stored = existing?.Secrets ?? SiemSecrets.None;
        if (list.Count > 0)
        {
            return false;
        }

        destination = new SiemDestination
        {
            WorkspaceId = workspaceId,
            Id = id,
            Name = request.Name?.Trim() ?? "",
            Kind = kind,
            Enabled = request.Enabled ?? true,
            Format = format,
            ContentLevel = contentLevel,
            Filter = filter,
            Endpoint = endpoint,
            Secrets = new SiemSecrets
            {
                HecToken = secrets.HecToken ?? stored.HecToken,
                WebhookSecret = secrets.WebhookSecret ?? stored.WebhookSecret,
                ApiKey = secrets.ApiKey ?? stored.ApiKey,
                ClientKeyPem = secrets.ClientKeyPem ?? stored.ClientKeyPem,
            },
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        list.AddRange(SiemDestinationValidator.Validate(destination));
        return list.Count == 0;
    }

    private static SiemFilter ParseFilter(SiemFilterBody body, List<string> errors)
    {
        var source = SiemSource.Records;
        if (body.Source is not null && !SiemWireNames.TryParse(body.Source, out source))
        {
            errors.Add($"filter.source '{body.Source}' is unknown: one of {string.Join(", ", SiemWireNames.AllSources)}.");
        }

        var input = new RecordFilterInput
        {
            Kinds = body.Kinds, Agents = body.Agents, UserIds = body.UserIds, UserEmails = body.UserEmails, Teams = body.Teams, Models = body.Models,
            Surfaces = body.Surfaces, ClientIds = body.ClientIds,
        };
        if (!RecordFilterParser.TryParse(input, RecordFilterParser.BodyNames, out var records, out var error))
        {
            errors.Add(error!);
        }

        return new SiemFilter { Source = source, Records = records ?? RecordFilter.None, DlpFindingsOnly = body.DlpFindingsOnly ?? false };
    }

    private static SiemEndpoint ParseEndpoint(SiemEndpointBody body, List<string> errors)
    {
        Uri? url = null;
        if (body.Url is not null && !Uri.TryCreate(body.Url, UriKind.Absolute, out url))
        {
            errors.Add($"endpoint.url '{body.Url}' is not an absolute URL.");
        }

        var transport = SyslogTransport.Tls;
        if (body.Transport is not null && !SiemWireNames.TryParse(body.Transport, out transport))
        {
            errors.Add($"endpoint.transport '{body.Transport}' is unknown: one of {string.Join(", ", SiemWireNames.AllTransports)}.");
        }

        return new SiemEndpoint
        {
            Url = url,
            Host = body.Host,
            Port = body.Port,
            Transport = transport,
            Index = body.Index,
            Sourcetype = body.Sourcetype,
            IndexerAck = body.IndexerAck ?? false,
            DataStream = body.DataStream,
            CaCertificatePem = body.CaCertificatePem,
            ClientCertificatePem = body.ClientCertificatePem,
            MaxBatchRecords = body.MaxBatchRecords ?? SiemEndpoint.DefaultMaxBatchRecords,
        };
    }
}
