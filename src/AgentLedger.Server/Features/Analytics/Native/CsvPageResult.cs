using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// A page as CSV (RFC 4180): one column per JSON property of <typeparamref name="T"/>, in declaration order, with values
/// taken from the row's JSON form, so CSV and JSON carry identical content. Paging travels in the headers
/// <c>X-Has-More</c> and <c>X-Next-Page</c>.
/// </summary>
public sealed class CsvPageResult<T>(IReadOnlyList<T> rows, bool hasMore, string? nextPage, JsonSerializerOptions options)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public const string ContentType = "text/csv";

    public int? StatusCode => StatusCodes.Status200OK;

    public IReadOnlyList<T> Rows => rows;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var columns = options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToList();
        var response = httpContext.Response;
        response.ContentType = ContentType + "; charset=utf-8";
        response.Headers["X-Has-More"] = hasMore ? "true" : "false";
        if (nextPage is not null)
        {
            response.Headers["X-Next-Page"] = nextPage;
        }

        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(Escape)).Append("\r\n");
        foreach (var row in rows)
        {
            var json = JsonSerializer.SerializeToElement(row, options);
            text.AppendJoin(',', columns.Select(c => json.TryGetProperty(c, out var value) ? Cell(value) : "")).Append("\r\n");
        }

        await response.WriteAsync(text.ToString(), httpContext.RequestAborted).ConfigureAwait(false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's member is static by contract.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Escape(value.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => Escape(value.GetRawText()),
    };

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
