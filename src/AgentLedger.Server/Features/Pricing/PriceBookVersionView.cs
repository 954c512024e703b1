using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>A price book as the admin API shows it: the server-wide book or one workspace version.</summary>
/// <param name="Source"><c>server</c> (the configured server-wide book) or <c>workspace</c> (a version of this workspace's book).</param>
/// <param name="Version">The workspace version number, from 1; null for the server-wide book.</param>
/// <param name="EffectiveFrom">When the version starts to apply; null for the server-wide book (it applies before the first version).</param>
/// <param name="CreditsPerUsd">Credits per USD of cost.</param>
/// <param name="Models">The model entries.</param>
/// <param name="CreatedAt">When the version was added.</param>
/// <param name="CreatedBy">Who added it: the dashboard account's e-mail or the API key id.</param>
/// <param name="Note">The note given with the version.</param>
public sealed record PriceBookVersionView(
    string Source, int? Version, DateTimeOffset? EffectiveFrom, decimal CreditsPerUsd, IReadOnlyList<PriceBookModelBody> Models,
    DateTimeOffset? CreatedAt = null, string? CreatedBy = null, string? Note = null)
{
    public const string ServerSource = "server";
    public const string WorkspaceSource = "workspace";

    public static PriceBookVersionView Server(PriceBook book) =>
        new(ServerSource, null, null, book.CreditsPerUsd, book.Prices.Select(PriceBookModelBody.From).ToList());

    public static PriceBookVersionView From(PriceBookVersion v) =>
        new(WorkspaceSource, v.Version, v.EffectiveFrom, v.Book.CreditsPerUsd, v.Book.Prices.Select(PriceBookModelBody.From).ToList(), v.CreatedAt,
            v.CreatedBy, v.Note);
}
