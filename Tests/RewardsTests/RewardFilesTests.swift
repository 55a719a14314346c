import Testing
import Foundation
import Formats
import TestSupport
@testable import Rewards

/// Loading MDPs and rewards written by numpy, saving and reloading, and the errors of bad files.
@Suite struct RewardFilesTests {
    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func loadsNumpyAndSafetensorsFilesIdentically() throws {
        let expected = try #require(try FixtureTests.cases().first)
        for format in ["npz", "safetensors"] {
            let mdp = try MDP.load(from: Fixtures.url("rewards/mdp.\(format)"))
            #expect(mdp.stateCount == expected.states && mdp.actionCount == expected.actions && mdp.discount == expected.gamma, "\(format)")
            #expect(Small.maxDifference(mdp.transition, expected.transition) < 1e-15, "\(format)")
            #expect(Small.maxDifference(mdp.initial, expected.initial) < 1e-15, "\(format)")
            let reward = try Reward.load(from: Fixtures.url("rewards/reward.\(format)"), mdp: mdp)
            #expect(reward.values == expected.r1, "\(format)")
            let canonical = try Canonicaliser(mdp: mdp).canonicalise(reward, .val).values
            #expect(Small.maxDifference(canonical, try #require(expected.canonical["val"])) < 1e-9)
        }
    }

    @Test func savedFilesReloadExactlyAsNpzAndToSinglePrecisionAsSafetensors() throws {
        let directory = Fixtures.temporaryDirectory("rewards-files")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mdp = try Small.mdp(states: 5, actions: 3, discount: 0.95, seed: 3, sparse: true)
        let reward = Small.reward(mdp, seed: 4)
        try mdp.save(to: directory.appendingPathComponent("mdp.npz"))
        try reward.save(to: directory.appendingPathComponent("reward.npz"))
        let exact = try MDP.load(from: directory.appendingPathComponent("mdp.npz"))
        #expect(exact == mdp && exact.fingerprint == mdp.fingerprint)
        #expect(try Reward.load(from: directory.appendingPathComponent("reward.npz"), mdp: exact) == reward)

        try mdp.save(to: directory.appendingPathComponent("mdp.safetensors"))
        try reward.save(to: directory.appendingPathComponent("reward.safetensors"))
        let rounded = try MDP.load(from: directory.appendingPathComponent("mdp.safetensors"))
        #expect(rounded.discount == 0.95)
        #expect(Small.maxDifference(rounded.transition, mdp.transition) < 1e-7)
        let reloaded = try Reward.load(from: directory.appendingPathComponent("reward.safetensors"), mdp: rounded)
        #expect(Small.maxDifference(reloaded.values, reward.values) < 1e-6 * reward.values.map(abs).max()!)
    }

    @Test func badFilesGiveOneClearError() throws {
        let directory = Fixtures.temporaryDirectory("rewards-bad-files")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mdp = try MDP.load(from: Fixtures.url("rewards/mdp.npz"))
        #expect(message { _ = try MDP.load(from: directory.appendingPathComponent("mdp.csv")) }
                == "unknown file extension 'csv'; valid: safetensors, npz")

        let noGamma = directory.appendingPathComponent("nogamma.npz")
        try NpzFile.write([(name: "transition", array: NpyArray(.float64(mdp.transition), shape: mdp.rewardShape)),
                           (name: "initial", array: NpyArray(.float64(mdp.initial), shape: [mdp.stateCount]))], to: noGamma)
        #expect(message { _ = try MDP.load(from: noGamma) }
                == "gamma = missing is invalid: \(noGamma.path) needs the discount as a 'gamma' tensor or metadata entry")

        var broken = mdp.transition
        broken[3 * mdp.stateCount] += 0.25  // state 1, action 1 (A = 2)
        let badRow = directory.appendingPathComponent("badrow.npz")
        try NpzFile.write([(name: "transition", array: NpyArray(.float64(broken), shape: mdp.rewardShape)),
                           (name: "initial", array: NpyArray(.float64(mdp.initial), shape: [mdp.stateCount])),
                           (name: "gamma", array: NpyArray(.float64([0.9]), shape: []))], to: badRow)
        let rowMessage = try #require(message { _ = try MDP.load(from: badRow) })
        #expect(rowMessage.hasPrefix("transition row for state 1, action 1 sums to 1.25"))

        let wrongShape = directory.appendingPathComponent("wrong.npz")
        try NpzFile.write([(name: "reward", array: NpyArray(.float64([Double](repeating: 0, count: 12)), shape: [2, 2, 3]))], to: wrongShape)
        #expect(message { _ = try Reward.load(from: wrongShape, mdp: mdp) } == "reward has shape [2, 2, 3] but [3, 2, 3] was expected")

        let missing = try #require(message { _ = try Reward.load(from: Fixtures.url("rewards/mdp.npz"), mdp: mdp) })
        #expect(missing.contains("reward"), "names the missing array: \(missing)")
    }
}
