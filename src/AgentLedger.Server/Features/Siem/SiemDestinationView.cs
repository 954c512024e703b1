using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>A destination as the admin API returns it: its configuration without secrets, which secrets are set, and its status.</summary>
/// <param name="SecretsSet">Names of the secrets that are stored (their values are never returned).</param>
public sealed record SiemDestinationView(
    string Id,
    string WorkspaceId,
    string Name,
    string Kind,
    bool Enabled,
    string Format,
    string ContentLevel,
    SiemFilterBody Filter,
    SiemEndpointBody Endpoint,
    IReadOnlyList<string> SecretsSet,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SiemStatusView? Status)
{
    public static SiemDestinationView From(SiemDestination d, SiemStatus? status)
    {
        var r = d.Filter.Records;
        var e = d.Endpoint;
        return new SiemDestinationView(
            d.Id, d.WorkspaceId, d.Name, SiemWireNames.Of(d.Kind), d.Enabled, SiemWireNames.Of(d.Format), SiemWireNames.Of(d.ContentLevel),
            new SiemFilterBody(
                SiemWireNames.Of(d.Filter.Source), d.Filter.DlpFindingsOnly, r.Kinds.Select(WireNames.Of).ToList(), r.Agents.Select(WireNames.Of).ToList(),
                r.UserIds, r.UserEmails, r.Teams, r.Models, r.Surfaces.Select(WireNames.Of).ToList(), r.ClientIds.Select(WireNames.Of).ToList()),
            new SiemEndpointBody(
                e.Url?.ToString(), e.Host, e.Port, d.Kind == SiemDestinationKind.Syslog ? SiemWireNames.Of(e.Transport) : null, e.Index, e.Sourcetype,
                d.Kind == SiemDestinationKind.SplunkHec ? e.IndexerAck : null, e.DataStream, e.CaCertificatePem, e.ClientCertificatePem, e.MaxBatchRecords),
            d.Secrets.Names, d.CreatedAt, d.UpdatedAt, status is null ? null : SiemStatusView.From(status));
    }
}
