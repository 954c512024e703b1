using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

internal sealed partial class DemoActivityGenerator
{
    /// <summary>Beyond this the agents compact their context (summarise and start over smaller).</summary>
    private const long ContextLimit = 180_000;

    /// <summary>
    /// An interactive session (CLI, IDE, desktop, SDK): session start, then turns of user prompt, model responses
    /// with growing and mostly cached context, and tool calls with their approval decision and result.
    /// </summary>
    private void EmitSession(DemoUser user, DemoAgentKit kit, DemoSurfaceChoice surface, DateTimeOffset start)
    {
        var client = kit.Clients[surface];
        var model = kit.ModelFor(user.Archetype, _rng);
        var version = kit.Version(_day, user.UpgradeLagDays);
        var userAgent = DemoAgentKit.UserAgent(client, version, user.OperatingSystem, model);
        var repository = _rng.Pick(user.Team.Repositories);
        var asksForApproval = _rng.Chance(0.7);
        var session = new NativeEvent
        {
            Agent = kit.WireName,
            ClientId = WireNames.Of(client),
            ClientVersion = version,
            User = kit.Agent == Agent.Codex ? user.CodexIdentity : user.Identity,
            SessionId = _rng.NextGuid().ToString(),
            Model = model,
        };
        Emit(user.ClientIp, userAgent, session with
        {
            EventId = NextEventId(),
            Type = SessionStarted,
            OccurredAt = start,
            Attributes = new JsonObject
            {
                ["os.type"] = user.OperatingSystem,
                ["repository"] = repository,
                ["approval_policy"] = asksForApproval ? "on-request" : "never",
            },
        });

        var turns = user.Archetype switch
        {
            DemoArchetype.Power => 1 + _rng.Poisson(3.0),
            DemoArchetype.Regular => 1 + _rng.Poisson(1.6),
            _ => 1 + _rng.Poisson(0.6),
        };
        var context = new SessionContext
        {
            Repository = repository, AsksForApproval = asksForApproval, Tokens = _rng.Skewed(9_000, 0.3), CachedPrefix = _rng.Chance(0.7) ? 4_096 : 0,
        };
        var at = start;
        for (var turn = 1; turn <= turns; turn++)
        {
            at += TimeSpan.FromSeconds(_rng.Skewed(turn == 1 ? 4 : 75));
            at = EmitTurn(user, kit, session with { TurnId = $"{session.SessionId}:{turn}" }, userAgent, context, at);
        }
    }

    private DateTimeOffset EmitTurn(DemoUser user, DemoAgentKit kit, NativeEvent turn, string userAgent, SessionContext context, DateTimeOffset at)
    {
        var topic = DemoStackVocabulary.Topic(_rng, user.Team.Stack, context.Repository);
        // Plants go only into turns that are kept whole (inside the window, well before now), so none is lost.
        var plantable = at >= _windowStart && at.AddHours(1) <= _now;
        var prompt = DemoContent.Prompt(_rng, topic, user.WritesKorean);
        if (plantable && Plants.TakeDue(_day, DemoPlantSlot.Prompt) is { } promptPlant)
        {
            prompt = promptPlant.Text;
        }

        Emit(user.ClientIp, userAgent, turn with { EventId = NextEventId(), Type = UserPrompt, OccurredAt = at, PromptText = prompt });
        context.Tokens += (prompt.Length / 3) + _rng.Skewed(120);

        var toolCalls = user.Archetype == DemoArchetype.Occasional ? _rng.Poisson(1.2) : _rng.Poisson(2.4);
        var toolPlant = plantable ? Plants.TakeDue(_day, DemoPlantSlot.ToolOutput) : null;
        if (toolPlant is not null)
        {
            toolCalls = Math.Max(1, toolCalls);
        }

        for (var step = 0; step < toolCalls; step++)
        {
            at = EmitModelCall(user, kit, turn, userAgent, context, at, DemoContent.ProgressNote(_rng, topic), finalAnswer: false);
            var tool = kit.Tools[_rng.WeightedIndex(kit.ToolWeights)];
            var input = DemoContent.ToolInput(_rng, tool.Kind, topic);
            var decision = Decide(kit, tool, context);
            if (decision is not null)
            {
                at += TimeSpan.FromMilliseconds(_rng.Skewed(tool.Kind is DemoToolKind.Read or DemoToolKind.Search ? 50 : 2_500));
                Emit(user.ClientIp, userAgent, turn with
                {
                    EventId = NextEventId(), Type = ToolDecision, OccurredAt = at,
                    Tool = new NativeEventTool { Name = tool.Name, Input = input, Decision = decision },
                });
            }

            if (decision == kit.Deny)
            {
                continue;
            }

            var (output, succeeded) = DemoContent.ToolOutput(_rng, tool.Kind, input, topic);
            if (toolPlant is not null)
            {
                (output, succeeded, toolPlant) = (toolPlant.Text, true, null);
            }

            var duration = _rng.Skewed(tool.Kind == DemoToolKind.Shell ? 4_000 : 120);
            at += TimeSpan.FromMilliseconds(duration);
            Emit(user.ClientIp, userAgent, turn with
            {
                EventId = NextEventId(), Type = ToolResult, OccurredAt = at, DurationMs = duration,
                Status = succeeded ? "success" : "failure",
                Tool = new NativeEventTool { Name = tool.Name, Input = input, Output = output },
            });
            context.Tokens += (output.Length / 3) + _rng.Skewed(600);
        }

        if (toolPlant is not null)
        {
            Plants.Defer(toolPlant);
        }

        var answer = DemoContent.Answer(_rng, topic);
        if (plantable && Plants.TakeDue(_day, DemoPlantSlot.Response) is { } responsePlant)
        {
            answer = responsePlant.Text;
        }

        return EmitModelCall(user, kit, turn, userAgent, context, at, answer, finalAnswer: true);
    }

    /// <summary>
    /// One model call. Input is the whole context, of which the prefix seen by the previous call is usually cached;
    /// output includes reasoning. About 1% of calls first fail with a provider error and are retried.
    /// </summary>
    private DateTimeOffset EmitModelCall(
        DemoUser user, DemoAgentKit kit, NativeEvent turn, string userAgent, SessionContext context, DateTimeOffset at, string text, bool finalAnswer)
    {
        if (_rng.Chance(0.01))
        {
            var (status, error) = DemoContent.ApiError(_rng, kit.Agent);
            at += TimeSpan.FromSeconds(_rng.Between(0.5, 6.0));
            Emit(user.ClientIp, userAgent, turn with { EventId = NextEventId(), Type = ApiError, OccurredAt = at, Status = status, Error = error });
        }

        if (context.Tokens > ContextLimit)
        {
            context.Tokens = _rng.Skewed(25_000, 0.2);
            context.CachedPrefix = 0;
        }

        var input = context.Tokens;
        var cached = _rng.Chance(0.92) ? context.CachedPrefix : 0;
        var output = _rng.Skewed(finalAnswer ? 700 : 220);
        var reasoning = (long)(output * kit.ReasoningShare(turn.Model!, _rng));
        var duration = 600 + (output * 12) + _rng.Skewed(1_200);
        at += TimeSpan.FromMilliseconds(duration);
        Emit(user.ClientIp, userAgent, turn with
        {
            EventId = NextEventId(), Type = ModelResponse, OccurredAt = at, DurationMs = duration, Status = "success",
            Usage = Usage(input, cached, output, reasoning), ResponseText = text,
        });
        context.CachedPrefix = input;
        context.Tokens += output;
        return at;
    }

    /// <summary>
    /// The approval decision recorded for a tool call, or null when the agent records none, as the real clients
    /// behave: Claude Code records every decision (policy-allowed ones too); Gemini CLI asks before shell commands
    /// and edits only; Codex asks only under an on-request policy and only for the calls its sandbox does not allow,
    /// which are denied more often.
    /// </summary>
    private string? Decide(DemoAgentKit kit, DemoTool tool, SessionContext context)
    {
        var harmless = tool.Kind is DemoToolKind.Read or DemoToolKind.Search or DemoToolKind.Web;
        switch (kit.Agent)
        {
            case Agent.ClaudeCode when harmless:
                return kit.Approve;
            case Agent.GeminiCli when harmless:
                return null;
            case Agent.Codex when !context.AsksForApproval || !_rng.Chance(0.2):
                return null;
        }

        var draw = _rng.NextDouble();
        var denied = kit.Agent == Agent.Codex ? 0.1 : 0.03;
        return draw < denied ? kit.Deny : draw < denied + 0.22 ? kit.ApproveForSession : kit.Approve;
    }

    /// <summary>What the model has seen so far in a session, in tokens.</summary>
    private sealed class SessionContext
    {
        public required string Repository { get; init; }

        /// <summary>Whether the session's approval policy asks the user before running what the sandbox does not allow.</summary>
        public required bool AsksForApproval { get; init; }

        public long Tokens { get; set; }

        public long CachedPrefix { get; set; }
    }
}
