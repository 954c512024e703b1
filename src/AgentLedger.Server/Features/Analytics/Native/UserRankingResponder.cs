using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Governance.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// The user ranking: every user of the window sorted by a metric, paged by keyset on (value, user id) with the same
/// opaque, query-bound cursors as the time series.
/// </summary>
public sealed class UserRankingResponder(
    UserRankingReader ranking, IAnalyticsReader reader, AnalyticsPrivacy privacy, TimeProvider time, IOptions<JsonOptions> json, IOptions<AnalyticsOptions> options)
{
    private static readonly string[] MetricNames = ["credits", "threads", "turns", "tokens", "current_streak"];

    public async Task<Results<Ok<AnalyticsSeriesPage<UserRankingRow>>, CsvPageResult<UserRankingRow>, ValidationProblem>> RespondAsync(
        UserRankingParameters p, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var metricIndex = p.SortBy is null ? 0 : Array.FindIndex(MetricNames, n => string.Equals(n, p.SortBy, StringComparison.OrdinalIgnoreCase));
            if (metricIndex < 0)
            {
                throw new AnalyticsQueryException("sort_by", $"'{p.SortBy}' is not one of: {string.Join(", ", MetricNames)}.");
            }

            var metric = (UserRankingMetric)metricIndex;
            var policy = await privacy.ForWorkspaceAsync(p.WorkspaceId, cancellationToken).ConfigureAwait(false);
            var series = SeriesQueryParser.Parse(
                new SeriesQueryParameters
                {
                    WorkspaceId = p.WorkspaceId, From = p.From, To = p.To, TimeZone = p.TimeZone, Team = p.Team,
                    Surface = p.Surface, Client = p.Client, Model = p.Model, Agent = p.Agent, Limit = p.Limit, Page = p.Page,
                    Format = p.Format, Bucket = "day", GroupBy = "user",
                },
                "user_ranking." + MetricNames[metricIndex], AnalyticsActivity.Any, AnalyticsGroupBy.User, request.Headers.Accept.ToString(), time.GetUtcNow(),
                options.Value.DefaultTimeZone);
            var query = series.Query;
            var all = await ranking.RankAsync(query.Scope, query.From, query.To, query.Calendar, metric, cancellationToken).ConfigureAwait(false);
            var start = 0;
            if (series.After?.GroupKey is { } position)
            {
                var separator = position.IndexOf('|', StringComparison.Ordinal);
                var value = decimal.Parse(position[..separator], CultureInfo.InvariantCulture);
                var user = position[(separator + 1)..];
                while (start < all.Count && (all[start].Value(metric) > value
                                             || (all[start].Value(metric) == value && string.CompareOrdinal(all[start].UserId, user) <= 0)))
                {
                    start++;
                }
            }

            var slice = all.Skip(start).Take(query.Limit).ToList();
            var hasMore = start + slice.Count < all.Count;
            var emails = policy.Pseudonymise
                ? PrivacyPolicy.NoEmails
                : await reader.ReadUserEmailsAsync(query.Scope.WorkspaceId, slice.Select(r => r.UserId).ToList(), cancellationToken).ConfigureAwait(false);
            var rows = slice.Select((r, i) => new UserRankingRow(
                start + i + 1, policy.UserId(r.UserId), policy.Email(emails.GetValueOrDefault(r.UserId)), r.Totals.Credits, r.Totals.Threads, r.Totals.Turns,
                r.Totals.InputTokens + r.Totals.OutputTokens, r.ActiveDays, r.CurrentStreak)).ToList();
            var next = hasMore
                ? AnalyticsCursorCodec.Encode(query, new AnalyticsPosition(query.From,
                    slice[^1].Value(metric).ToString(CultureInfo.InvariantCulture) + "|" + slice[^1].UserId))
                : null;
            return series.Csv
                ? new CsvPageResult<UserRankingRow>(rows, hasMore, next, json.Value.SerializerOptions)
                : TypedResults.Ok(new AnalyticsSeriesPage<UserRankingRow>("day", query.Calendar.ZoneId, "user", rows, hasMore, next));
        }
        catch (AnalyticsQueryException ex)
        {
            return new SeriesParameterError(ex.Parameter, ex.Message).ToProblem();
        }
    }
}
