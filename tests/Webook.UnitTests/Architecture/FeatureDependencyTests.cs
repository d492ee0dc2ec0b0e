using System.Reflection;
using NetArchTest.Rules;
using Webook.Core;

namespace Webook.UnitTests.Architecture;

/// <summary>
/// The slices of Webook.Core (docs/architecture.md, Layout): a feature's top namespace is its surface (domain, ports,
/// handlers); its sub-namespaces (Storage, Kafka, Providers, ...) are its internals, which no other feature may touch.
/// Shared code (clients, HTTP plumbing, auth) knows no feature. Features use each other only along <see cref="Uses"/>,
/// which has no cycle. The composition root (Webook.Core's own namespace: ApiRoutes and the service registration) sees all.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Root = "Webook.Core";
    private static readonly Assembly Core = typeof(ApiRoutes).Assembly;
    private static readonly string[] Shared = ["Common", "Http", "Auth", "Observability", "Storage"];

    /// <summary>The surfaces each feature may use; a new edge is a design decision, made here and in docs/architecture.md.</summary>
    private static readonly Dictionary<string, string[]> Uses = new()
    {
        ["Accounts"] = ["Sms"],
        ["Articles"] = ["Accounts", "Interactions", "Ranking", "Comments", "Collections", "Notifications", "Feed"],
        ["Interactions"] = [],
        ["Ranking"] = ["Accounts", "Interactions", "Comments"],
        ["Sms"] = [],
        ["Health"] = [],
        ["Follows"] = ["Accounts"],
        ["Comments"] = ["Accounts"],
        ["Collections"] = ["Accounts", "Interactions"],
        ["Messages"] = ["Accounts", "Follows"],
        ["Notifications"] = ["Accounts", "Follows", "Comments", "Interactions"],
        ["Feed"] = ["Accounts", "Interactions", "Comments", "Follows"],
        ["WeChatLogin"] = ["Accounts"],
        ["Payments"] = [],
        ["Rewards"] = ["Interactions", "Payments"],
    };

    public static TheoryData<string> Features => [.. Uses.Keys];
    public static TheoryData<string> SharedParts => [.. Shared];

    [Fact]
    public void Every_namespace_of_core_is_a_feature_shared_code_or_the_composition_root()
    {
        var tops = Core.GetTypes().Select(t => t.Namespace).OfType<string>().Where(ns => ns.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[2]).Distinct();

        Assert.All(tops, top => Assert.True(Uses.ContainsKey(top) || Shared.Contains(top), $"{Root}.{top} is neither a feature nor shared"));
    }

    [Theory]
    [MemberData(nameof(SharedParts))]
    public void Shared_code_depends_on_no_feature(string shared)
    {
        var result = InFeature(shared).ShouldNot().HaveDependencyOnAny(Uses.Keys.Select(Namespace).ToArray()).GetResult();

        Assert.True(result.IsSuccessful, Failing(result, $"{shared} depends on a feature"));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void A_feature_uses_only_the_surfaces_it_is_allowed_to(string feature)
    {
        var forbidden = Uses.Keys.Where(other => other != feature && !Uses[feature].Contains(other)).Select(Namespace).ToArray();

        var result = InFeature(feature).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, Failing(result, $"{feature} uses a feature it may not"));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void A_feature_never_touches_another_features_internals(string feature)
    {
        var internals = Uses.Keys.Where(other => other != feature).SelectMany(Internals).ToArray();

        var result = InFeature(feature).ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful, Failing(result, $"{feature} reaches into another feature's internals"));
    }

    [Fact]
    public void The_allowed_uses_have_no_cycle()
    {
        var state = new Dictionary<string, bool>(); // false while visiting, true when done
        bool Acyclic(string feature)
        {
            if (state.TryGetValue(feature, out var done)) return done;
            state[feature] = false;
            var acyclic = Uses[feature].All(Acyclic);
            state[feature] = true;
            return acyclic;
        }

        Assert.All(Uses.Keys, feature => Assert.True(Acyclic(feature), $"the uses from {feature} come back to it"));
    }

    private static PredicateList InFeature(string top) => Types.InAssembly(Core).That().ResideInNamespace(Namespace(top));

    private static string Namespace(string top) => $"{Root}.{top}";

    private static IEnumerable<string> Internals(string feature) =>
        Core.GetTypes().Select(t => t.Namespace).OfType<string>().Where(ns => ns.StartsWith(Namespace(feature) + ".", StringComparison.Ordinal))
            .Distinct();

    private static string Failing(TestResult result, string what) =>
        $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}";
}
