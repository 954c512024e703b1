using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Ingestion.Otlp;

/// <summary>Posts the real-client captures (Fixtures/, copied from the Otlp test project) as the agents sent them.</summary>
internal static class OtlpCaptures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string SignalPath(string file) => Path.GetFileName(file) switch
    {
        var n when n.Contains("logs", StringComparison.Ordinal) => "/v1/logs",
        var n when n.Contains("metrics", StringComparison.Ordinal) => "/v1/metrics",
        _ => "/v1/traces",
    };

    /// <summary>The request bodies of a capture folder in arrival order, as sent (no decoded views).</summary>
    public static IReadOnlyList<string> Bodies(string dir, params string[] extensions) =>
        [.. Directory.EnumerateFiles(PathOf(dir))
            .Select(p => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures"), p))
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains(".pb.", StringComparison.Ordinal) && !f.Contains(".decoded.", StringComparison.Ordinal) && !f.Contains(".meta.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string relative, string contentType, string? contentEncoding = null, bool chunked = false)
    {
        var bytes = Read(relative);
        HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        if (chunked)
        {
            // Gemini CLI sends Transfer-Encoding: chunked without Content-Length.
            content.Headers.ContentLength = null;
        }

        return await client.PostAsync(SignalPath(relative), content);
    }

    /// <summary>Posts every body of the folder (JSON or protobuf by extension) and checks each was accepted.</summary>
    public static async Task PostAllAsync(HttpClient client, string dir)
    {
        foreach (var file in Bodies(dir, ".json", ".pb"))
        {
            var type = file.EndsWith(".pb", StringComparison.Ordinal) ? "application/x-protobuf" : "application/json";
            var response = await PostAsync(client, file, type);
            Assert.True(response.IsSuccessStatusCode, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static int CountKind(this IEnumerable<JsonObject> records, string kind) => records.Count(r => (string?)r["kind"] == kind);

    public static (long Input, long Cached, long Output, long Reasoning) Tokens(this IEnumerable<JsonObject> records) =>
        records.Aggregate((0L, 0L, 0L, 0L), (sum, r) => (
            sum.Item1 + (long)r["usage"]!["input_tokens"]!,
            sum.Item2 + (long)r["usage"]!["cached_input_tokens"]!,
            sum.Item3 + (long)r["usage"]!["output_tokens"]!,
            sum.Item4 + (long)r["usage"]!["reasoning_tokens"]!));
}
