using AgentLedger.Otlp.Mapping.Vocabularies;

namespace AgentLedger.Otlp.Mapping;

/// <summary>The agent vocabularies in the order they are tried; the GenAI conventions last, as the fallback.</summary>
internal sealed class VocabularySet
{
    private readonly AgentVocabulary[] _vocabularies =
    [
        new CodexVocabulary(),
        new ClaudeCodeVocabulary(),
        new GeminiCliVocabulary(),
        new GenAiVocabulary(),
    ];

    /// <summary>The vocabulary of a resource and scope, decided once per scope from <c>service.name</c> and the scope name.</summary>
    public AgentVocabulary For(TelemetryResource resource, TelemetryScope scope) =>
        _vocabularies.First(v => v.Recognises(resource, scope, null));

    /// <summary>
    /// The vocabulary of one item: the scope's, unless the scope's is the fallback and the event name itself
    /// belongs to an agent (an agent's events relayed through a collector that rewrote the resource).
    /// </summary>
    public AgentVocabulary For(AgentVocabulary scopeVocabulary, TelemetryResource resource, TelemetryScope scope, params ReadOnlySpan<string?> eventNames)
    {
        if (scopeVocabulary is not GenAiVocabulary)
        {
            return scopeVocabulary;
        }

        foreach (var name in eventNames)
        {
            if (name is null)
            {
                continue;
            }

            foreach (var vocabulary in _vocabularies)
            {
                if (vocabulary is not GenAiVocabulary && vocabulary.Recognises(resource, scope, name))
                {
                    return vocabulary;
                }
            }
        }

        return scopeVocabulary;
    }
}
