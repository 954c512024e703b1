using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>A native analytics parameter that cannot be honoured, named as the API spells it.</summary>
public sealed record SeriesParameterError(string Parameter, string Message)
{
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [Parameter] = [Message] },
            detail: $"{Parameter}: {Message}",
            title: "Invalid analytics query");
}
