using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

internal sealed partial class DemoActivityGenerator
{
    /// <summary>Completed, failed.</summary>
    private static readonly double[] CloudOutcomeShares = [0.88, 0.12];

    /// <summary>
    /// Cloud tasks handed to a hosted agent: created with the prompt, then completed minutes later with a pull
    /// request (and the whole run's token usage) or failed with the reason, about one in eight.
    /// </summary>
    private void EmitCloudTasks(DemoUser user, DemoAgentKit kit, DateTimeOffset start)
    {
        var client = kit.Clients[DemoSurfaceChoice.Cloud];
        var userAgent = DemoAgentKit.UserAgent(client, "1.0", user.OperatingSystem, kit.MainModel);
        var tasks = 1 + _rng.Poisson(user.Archetype == DemoArchetype.Power ? 1.2 : 0.4);
        var at = start;
        for (var i = 0; i < tasks; i++)
        {
            at += TimeSpan.FromSeconds(_rng.Skewed(90));
            var repository = _rng.Pick(user.Team.Repositories);
            var topic = DemoStackVocabulary.Topic(_rng, user.Team.Stack, repository);
            var task = new NativeEvent
            {
                Agent = kit.WireName,
                ClientId = WireNames.Of(client),
                User = kit.Agent == Agent.Codex ? user.CodexIdentity : user.Identity,
                SessionId = kit.Agent == Agent.Codex ? "task_e_" + _rng.NextHex(32) : "session_" + _rng.NextHex(24),
                Model = kit.MainModel,
            };
            Emit(user.ClientIp, userAgent, task with
            {
                EventId = NextEventId(), Type = CloudTaskCreated, OccurredAt = at, PromptText = DemoReviewContent.CloudPrompt(_rng, topic),
                Attributes = new JsonObject { ["repository"] = repository, ["environment"] = $"{repository.Split('/')[1]}-default" },
            });

            var duration = Math.Min(_rng.Skewed(540_000, 0.5), 1_800_000);
            var failed = _cloudOutcomes.Next(CloudOutcomeShares) == 1;
            var input = _rng.Skewed(failed ? 150_000 : 600_000, 0.5);
            var output = _rng.Skewed(failed ? 6_000 : 24_000, 0.4);
            var usage = Usage(input, (long)(input * _rng.Between(0.75, 0.92)), output, (long)(output * kit.ReasoningShare(kit.MainModel, _rng)));
            var finished = task with
            {
                EventId = NextEventId(), OccurredAt = at + TimeSpan.FromMilliseconds(duration), DurationMs = duration, Usage = usage,
            };
            Emit(CloudAddress, userAgent, failed
                ? finished with { Type = CloudTaskFailed, Status = "failed", Error = DemoReviewContent.CloudFailure(_rng) }
                : finished with { Type = CloudTaskCompleted, Status = "completed", ResponseText = DemoReviewContent.CloudResult(topic, NextPullRequest(repository)) });
        }
    }

    private long NextPullRequest(string repository) => _nextPullRequest[repository]++;
}
