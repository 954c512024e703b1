using AgentLedger.Core.Analytics;
using AgentLedger.Core.Dlp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// DLP findings per bucket by rule, category or action, from the hourly findings rollup. Window, buckets, time zone,
/// limit, format and cursors go through <see cref="SeriesQueryParser"/> and <see cref="AnalyticsCursorCodec"/> like
/// every native series; this endpoint's own parameters (grouping and DLP filters) are part of the dataset name, so a
/// cursor is refused under other ones. A page reads only the hours of the buckets it returns (plus one look-ahead row).
/// </summary>
public sealed class DlpFindingSeriesResponder(
    IDlpFindingReader reader, TimeProvider time, IOptions<JsonOptions> json, IOptions<AnalyticsOptions> options)
{
    private static readonly string[] GroupNames = ["rule", "category", "action", "workspace"];

    public async Task<Results<Ok<AnalyticsSeriesPage<DlpFindingSeriesRow>>, CsvPageResult<DlpFindingSeriesRow>, ValidationProblem>> RespondAsync(
        DlpFindingSeriesParameters p, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var group = p.GroupBy is null ? GroupNames[0] : GroupNames.FirstOrDefault(n => string.Equals(n, p.GroupBy, StringComparison.OrdinalIgnoreCase))
                ?? throw new AnalyticsQueryException("group_by", $"'{p.GroupBy}' is not one of: {string.Join(", ", GroupNames)}.");
            var filter = new DlpFindingFilter
            {
                Rules = Values(p.Rule, "rule", DlpFilterValues.Rules),
                Categories = Values(p.Category, "category", DlpWireNames.Categories),
                Actions = Values(p.Action, "action", DlpWireNames.Actions),
            };
            var dataset = $"dlp_findings.{group}.rule={string.Join(',', filter.Rules.Order(StringComparer.Ordinal))}"
                          + $".category={string.Join(',', filter.Categories.Order(StringComparer.Ordinal))}"
                          + $".action={string.Join(',', filter.Actions.Order(StringComparer.Ordinal))}";
            var series = SeriesQueryParser.Parse(
                new SeriesQueryParameters
                {
                    WorkspaceId = p.WorkspaceId, From = p.From, To = p.To, Bucket = p.Bucket, TimeZone = p.TimeZone, Limit = p.Limit, Page = p.Page,
                    Format = p.Format, GroupBy = "workspace",
                },
                dataset, AnalyticsActivity.Any, AnalyticsGroupBy.Workspace, request.Headers.Accept.ToString(), time.GetUtcNow(),
                options.Value.DefaultTimeZone);
            var query = series.Query;
            var (rows, hasMore) = await ReadPageAsync(query, filter, group, series.After, cancellationToken).ConfigureAwait(false);
            // Findings are grouped by rule, category or action, never by user or team: no privacy policy applies.
            var shaped = rows.Select(r => new DlpFindingSeriesRow(SeriesRowContext.FormatTime(query, r.Start), SeriesRowContext.FormatTime(query, r.End), r.Key, r.Findings, r.Flagged, r.Redacted))
                .ToList();
            var next = hasMore ? AnalyticsCursorCodec.Encode(query, new AnalyticsPosition(rows[^1].Start, rows[^1].Key)) : null;
            return series.Csv
                ? new CsvPageResult<DlpFindingSeriesRow>(shaped, hasMore, next, json.Value.SerializerOptions)
                : TypedResults.Ok(new AnalyticsSeriesPage<DlpFindingSeriesRow>(
                    query.Calendar.Bucket.ToString().ToLowerInvariant(), query.Calendar.ZoneId, group, shaped, hasMore, next));
        }
        catch (AnalyticsQueryException ex)
        {
            return new SeriesParameterError(ex.Parameter, ex.Message).ToProblem();
        }
    }

    /// <summary>Rows in (bucket start, group key) order after <paramref name="after"/>, at most the query's limit.</summary>
    private async Task<(List<Row> Rows, bool HasMore)> ReadPageAsync(
        AnalyticsQuery query, DlpFindingFilter filter, string group, AnalyticsPosition? after, CancellationToken cancellationToken)
    {
        var workspaceId = query.Scope.WorkspaceId;
        var calendar = query.Calendar;
        var rows = new List<Row>();
        var bucket = after?.BucketStart ?? query.From;
        var afterKey = after?.GroupKey;
        while (bucket < query.To && rows.Count <= query.Limit)
        {
            var first = await reader.FirstFindingHourAsync(workspaceId, filter, bucket, query.To, cancellationToken).ConfigureAwait(false);
            if (first is null)
            {
                break;
            }

            var end = calendar.NextBucketStart(bucket);
            if (first.Value >= end)
            {
                bucket = calendar.BucketStartOf(first.Value);
                afterKey = null;
                continue;
            }

            var counts = await reader.ReadHourlyCountsAsync(workspaceId, filter, bucket, end, cancellationToken).ConfigureAwait(false);
            var groups = new SortedDictionary<string, Row>(StringComparer.Ordinal);
            foreach (var count in counts)
            {
                var key = group switch
                {
                    "rule" => count.Rule,
                    "category" => count.Category,
                    "action" => count.Action,
                    _ => workspaceId,
                };
                if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                {
                    continue;
                }

                var row = groups.GetValueOrDefault(key) ?? new Row(bucket, end, key, 0, 0, 0);
                groups[key] = row with
                {
                    Findings = row.Findings + count.Findings,
                    Flagged = row.Flagged + (count.Action == "flag" ? count.Findings : 0),
                    Redacted = row.Redacted + (count.Action == "redact" ? count.Findings : 0),
                };
            }

            rows.AddRange(groups.Values.Take(query.Limit + 1 - rows.Count));
            bucket = end;
            afterKey = null;
        }

        var hasMore = rows.Count > query.Limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, hasMore);
    }

    private static List<string> Values(string[]? values, string parameter, IReadOnlyCollection<string> allowed) =>
        DlpFilterValues.TryParse(values, parameter, allowed, out var result, out var error)
            ? result
            : throw new AnalyticsQueryException(parameter, error!);

    private sealed record Row(long Start, long End, string Key, long Findings, long Flagged, long Redacted);
}
