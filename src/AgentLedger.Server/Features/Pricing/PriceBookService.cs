using System.Security.Claims;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>
/// Reads and changes a workspace's price book, for the admin API and the dashboard page alike: validates a new
/// version (errors by field), stores it, reloads this instance's cache and writes the audit event.
/// </summary>
public sealed class PriceBookService(IPriceBookStore store, WorkspacePriceBooks books, ComplianceAuditor auditor, TimeProvider time)
{
    public const int MaxNoteLength = 500;
    public const string EffectiveFromField = "effective_from";
    public const string NoteField = "note";

    public async Task<PriceBookView> ReadAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var versions = await store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var current = new PriceBookTimeline(books.ServerBook, versions).VersionAt(now);
        var server = PriceBookVersionView.Server(books.ServerBook);
        return new PriceBookView(workspaceId, now, current is null ? server : PriceBookVersionView.From(current),
            versions.Select(PriceBookVersionView.From).ToList(), server);
    }

    public async Task<PriceBookChange> AddAsync(AuditCaller caller, string workspaceId, PriceBookRequest request, CancellationToken cancellationToken)
    {
        var now = Micros(time.GetUtcNow());
        var drafts = (request.Models ?? []).Select(m => m?.ToDraft() ?? new ModelPriceDraft(null, null, null, null, null, null, null)).ToList();
        PriceBookValidator.TryBuild(request.CreditsPerUsd, drafts, (i, f) => i is null ? f : $"{PriceBookField.Models}[{i}].{f}", out var book,
            out var bookErrors);
        var errors = bookErrors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray());
        var effective = Micros(request.EffectiveFrom ?? now);
        if (effective < now)
        {
            errors[EffectiveFromField] =
            [
                $"effective_from ({effective:O}) is in the past; a new version applies from now on ({now:O}) or later, and usage already priced keeps its credits.",
            ];
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors[NoteField] = [$"note has {note.Length} characters; at most {MaxNoteLength} are allowed."];
        }

        if (errors.Count > 0 || book is null)
        {
            return new PriceBookChange(null, errors);
        }

        var stored = await store.AddAsync(new PriceBookVersion(workspaceId, 0, effective, book, now, CreatedBy(caller.User), note), cancellationToken)
            .ConfigureAwait(false);
        await books.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(caller, PricingAuditActions.VersionAdded, ApiKeyScope.Admin, new JsonObject
        {
            ["version"] = stored.Version,
            [EffectiveFromField] = stored.EffectiveFrom.ToString("O"),
            [NoteField] = stored.Note,
            ["price_book"] = PriceBookJson.ToJson(stored.Book),
        }, cancellationToken).ConfigureAwait(false);
        return new PriceBookChange(stored, errors);
    }

    /// <summary>The dashboard account's e-mail, or the API key's id (never its secret).</summary>
    private static string CreatedBy(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == AuthServiceCollectionExtensions.DashboardCookieScheme
            ? user.Identity.Name ?? "dashboard account"
            : "api key " + (user.GetKeyId() ?? "unknown");

    /// <summary>Storage keeps microseconds; a version reads back exactly as it was written.</summary>
    private static DateTimeOffset Micros(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
