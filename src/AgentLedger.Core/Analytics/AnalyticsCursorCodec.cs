using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// Opaque page cursors: base64url of a small versioned JSON document holding the keyset position, the resolved
/// window (so that a default window does not move between pages) and a fingerprint of the query that issued it.
/// A cursor presented with other parameters is refused with an error naming the page parameter.
/// </summary>
public static class AnalyticsCursorCodec
{
    public const int Version = 1;

    public static string Encode(AnalyticsQuery query, AnalyticsPosition position)
    {
        var state = new CursorState(Version, FingerprintOf(query), query.From, query.To, position.BucketStart, position.GroupKey);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(state, CursorJson.Default.CursorState));
    }

    /// <summary>Reads a cursor without checking it against a query (the caller needs its window first).</summary>
    /// <exception cref="AnalyticsQueryException">The text is not a cursor of this server.</exception>
    public static AnalyticsCursor Decode(string parameter, string cursor)
    {
        CursorState? state;
        try
        {
            state = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(cursor), CursorJson.Default.CursorState);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new AnalyticsQueryException(parameter, $"{parameter} is not a cursor returned by this API; copy next_page unchanged.");
        }

        if (state is null || state.V != Version || state.F is null)
        {
            throw new AnalyticsQueryException(parameter, $"{parameter} is a cursor of another version of this API; restart paging without {parameter}.");
        }

        return new AnalyticsCursor(state.F, state.From, state.To, new AnalyticsPosition(state.B, state.K));
    }

    /// <summary>Checks that the cursor was issued for this very query.</summary>
    /// <exception cref="AnalyticsQueryException">It was issued for other parameters.</exception>
    public static void Verify(string parameter, AnalyticsCursor cursor, AnalyticsQuery query)
    {
        if (!string.Equals(cursor.Fingerprint, FingerprintOf(query), StringComparison.Ordinal)
            || cursor.Position.BucketStart < query.From || cursor.Position.BucketStart >= query.To)
        {
            throw new AnalyticsQueryException(parameter,
                $"{parameter} was issued for a query with other parameters; repeat the first request's parameters (other than {parameter} and limit) or restart without {parameter}.");
        }
    }

    private static string FingerprintOf(AnalyticsQuery query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query.Fingerprint())).AsSpan(0, 12));

    internal sealed record CursorState(
        [property: JsonPropertyName("v")] int V,
        [property: JsonPropertyName("f")] string? F,
        [property: JsonPropertyName("from")] long From,
        [property: JsonPropertyName("to")] long To,
        [property: JsonPropertyName("b")] long B,
        [property: JsonPropertyName("k")] string? K);
}
