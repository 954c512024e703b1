using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>Every native endpoint answers CSV with exactly the rows and values of its JSON.</summary>
public sealed class CsvExportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("usage", "group_by=user")]
    [InlineData("active_users", "")]
    [InlineData("active_users", "group_by=version&agent=codex")]
    [InlineData("code_reviews", "group_by=user")]
    [InlineData("code_review_engagement", "")]
    [InlineData("cloud_tasks", "")]
    [InlineData("sessions", "")]
    [InlineData("user_ranking", "sort_by=turns")]
    [InlineData("active_user_counts", "days=1,7,366")]
    public async Task Endpoint_CsvAndJson_CarryIdenticalContent(string endpoint, string query)
    {
        var ws = await server.NewWorkspaceAsync();
        var at = new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero);
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(
        [
            .. CodexContractTests.ReviewActivity(at),
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(at),
            EventBuilder.Prompt().User("ben, \"the reviewer\"@example.com").Session("s-2").At(at.AddDays(1)),
            EventBuilder.Of("cloud_task.created").User("ana@example.com").Session("t-1").At(at).Client("CODEX_WEB", "codex"),
        ]))).EnsureSuccessStatusCode();
        var url = $"/api/v1/analytics/workspaces/{ws.Id}/{endpoint}?from=2026-11-09&to=2026-11-13&{query}";

        var json = await (await ws.Client().GetAsync(url)).EnsureSuccessStatusCode().ReadJsonAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/csv");
        var csvResponse = await ws.Client().SendAsync(request);
        var csv = await csvResponse.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var viaFormat = await (await ws.Client().GetAsync(url + "&format=csv")).Content.ReadAsStringAsync();

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, viaFormat);
        var rows = json["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.NotEmpty(rows);
        var lines = ParseCsv(csv);
        var header = lines[0];
        Assert.Equal(rows.Count, lines.Count - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var (name, value) in rows[i])
            {
                var cell = lines[i + 1][header.IndexOf(name)];
                Assert.Equal(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "", cell);
            }

            // columns absent from the JSON row are null there and empty in the CSV
            Assert.All(header.Where(h => !rows[i].ContainsKey(h)), h => Assert.Equal("", lines[i + 1][header.IndexOf(h)]));
        }

        Assert.Equal(json["has_more"]!.ToJsonString(), csvResponse.Headers.GetValues("X-Has-More").Single());
    }

    /// <summary>RFC 4180 parsing, written here independently of the server's writer.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var lines = new List<List<string>>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                lines.Add(fields);
                fields = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Equal(0, field.Length);
        return lines;
    }
}
