namespace AgentLedger.Server.Features.Dashboard.Components.Pages;

/// <summary>One model row of the Price book form, as text.</summary>
public sealed class PriceBookInputRow
{
    public string? Model { get; set; }

    public string? Match { get; set; }

    /// <summary>Comma-separated.</summary>
    public string? Aliases { get; set; }

    public string? InputPerMillion { get; set; }

    public string? CachedInputPerMillion { get; set; }

    public string? OutputPerMillion { get; set; }

    public string? ReasoningPerMillion { get; set; }

    public bool IsBlank =>
        new[] { Model, Aliases, InputPerMillion, CachedInputPerMillion, OutputPerMillion, ReasoningPerMillion }.All(string.IsNullOrWhiteSpace);
}
