using System.Globalization;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// Validates a <see cref="RecordFilterInput"/> into a <see cref="RecordFilter"/>. Errors name the field as the client
/// spelled it and say what is allowed.
/// </summary>
public static class RecordFilterParser
{
    /// <summary>Field names of the query string of a read, which names each list in the singular.</summary>
    public static readonly Func<string, string> QueryNames = name => name switch
    {
        "text" => "q",
        "start_time" or "end_time" => name,
        "dlp_categories" => "dlp_category",
        _ => name[..^1],
    };

    /// <summary>Field names of a JSON body's <c>filter</c> object.</summary>
    public static readonly Func<string, string> BodyNames = name => "filter." + name;

    /// <param name="name">How the client spells a field (<see cref="QueryNames"/> or <see cref="BodyNames"/>), for errors.</param>
    public static bool TryParse(RecordFilterInput input, Func<string, string> name, out RecordFilter filter, out string? error)
    {
        filter = RecordFilter.None;
        error = null;
        if (!TryParseTime(input.StartTime, name("start_time"), out var start, ref error)
            || !TryParseTime(input.EndTime, name("end_time"), out var end, ref error))
        {
            return false;
        }

        if (start is not null && end is not null && end <= start)
        {
            error = $"{name("end_time")} must be after {name("start_time")}.";
            return false;
        }

        if (!TryList(input.UserIds, name("user_ids"), s => s, out var userIds, ref error)
            || !TryList(input.UserEmails, name("user_emails"), ActorIdentity.NormalizeEmail, out var emails, ref error)
            || !TryList(input.Teams, name("teams"), s => s, out var teams, ref error)
            || !TryList(input.Agents, name("agents"), s => WireNames.TryParse(s, out Agent a) ? a : (Agent?)null, out var agents, ref error,
                WireNames.AllAgents)
            || !TryList(input.Surfaces, name("surfaces"), s => WireNames.TryParse(s, out Surface v) ? v : (Surface?)null, out var surfaces, ref error,
                WireNames.AllSurfaces)
            || !TryList(input.ClientIds, name("client_ids"), s => ClientCatalog.TryParse(s, out var c) ? c : (ClientId?)null, out var clients,
                ref error)
            || !TryList(input.Models, name("models"), s => s, out var models, ref error)
            || !TryList(input.Kinds, name("kinds"), s => WireNames.TryParse(s, out RecordKind k) ? k : (RecordKind?)null, out var kinds, ref error,
                WireNames.AllKinds)
            || !TryList(input.SessionIds, name("session_ids"), s => s, out var sessions, ref error))
        {
            return false;
        }

        if (!DlpFilterValues.TryParse(input.DlpRules, name("dlp_rules"), DlpFilterValues.Rules, out var dlpRules, out error)
            || !DlpFilterValues.TryParse(input.DlpCategories, name("dlp_categories"), DlpWireNames.Categories, out var dlpCategories, out error)
            || !DlpFilterValues.TryParse(input.DlpActions, name("dlp_actions"), DlpWireNames.Actions, out var dlpActions, out error))
        {
            return false;
        }

        if (input.Text is { } text && (text.Length == 0 || text.Length > RecordFilter.MaxTextLength))
        {
            error = $"{name("text")} must be 1 to {RecordFilter.MaxTextLength} characters.";
            return false;
        }

        filter = new RecordFilter
        {
            StartTime = start, EndTime = end, UserIds = userIds, UserEmails = emails, Teams = teams, Agents = agents, Surfaces = surfaces,
            ClientIds = clients, Models = models, Kinds = kinds, SessionIds = sessions, Text = input.Text, DlpRules = dlpRules,
            DlpCategories = dlpCategories, DlpActions = dlpActions,
        };
        return true;
    }

    /// <summary>RFC 3339 (any precision) or Unix seconds, kept to the microsecond as storage keeps times.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800)
        {
            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        if (value.Length >= 20 && value[10] is 'T' or 't'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = new DateTimeOffset(parsed.UtcTicks - (parsed.UtcTicks % 10), TimeSpan.Zero);
            return true;
        }

        instant = default;
        return false;
    }

    private static bool TryParseTime(string? value, string field, out DateTimeOffset? instant, ref string? error)
    {
        instant = null;
        if (value is null)
        {
            return true;
        }

        if (TryParseInstant(value, out var parsed))
        {
            instant = parsed;
            return true;
        }

        error = $"{field} must be an RFC 3339 timestamp with a time zone (e.g. 2026-11-26T09:00:00Z) or Unix seconds.";
        return false;
    }

    private static bool TryList(
        IReadOnlyList<string>? values, string field, Func<string, string?> parse, out List<string> result, ref string? error) =>
        TryValues(values, field, parse, out result, ref error, allowed: null);

    private static bool TryList<T>(
        IReadOnlyList<string>? values, string field, Func<string, T?> parse, out List<T> result, ref string? error, IEnumerable<string>? allowed = null)
        where T : struct
    {
        var ok = TryValues(values, field, v => parse(v) is { } parsed ? (object)parsed : null, out var boxed, ref error, allowed);
        result = boxed.Select(b => (T)b).ToList();
        return ok;
    }

    private static bool TryValues<T>(
        IReadOnlyList<string>? values, string field, Func<string, T?> parse, out List<T> result, ref string? error, IEnumerable<string>? allowed)
        where T : class
    {
        result = [];
        if (values is null)
        {
            return true;
        }

        if (values.Count > RecordFilter.MaxValuesPerList)
        {
            error = $"{field} takes at most {RecordFilter.MaxValuesPerList} values.";
            return false;
        }

        foreach (var value in values)
        {
            var parsed = string.IsNullOrWhiteSpace(value) ? null : parse(value.Trim());
            if (parsed is null)
            {
                error = $"{field}: '{value}' is not valid" + (allowed is null ? "." : $"; one of: {string.Join(", ", allowed)}.");
                return false;
            }

            if (!result.Contains(parsed))
            {
                result.Add(parsed);
            }
        }

        return true;
    }
}
