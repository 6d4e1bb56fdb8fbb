import ArgumentParser
import DebriefKit
import Foundation

extension DebriefCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say how long is left before the review is due and what it still lacks.",
            discussion: """
                The review is due 24 hours after resolution (reviewDue: in incident.yml changes that). \
                Status lists the sections still missing (five whys, at least three action items, each \
                with an owner and a due date, read from review.yml), the milestones inferred with low \
                confidence or not found, and conflicting evidence. "Now" is SOURCE_DATE_EPOCH when set.
                Exit status: 0, or 1 when the review is overdue and incomplete.
                """)

        @Argument(help: "The incident folder, or its incident.yml.", completion: .directory)
        var path: String

        func run() throws {
            let options = BuildOptions(path: path, formats: [], generatedAt: GenerationTime.resolve())
            let review: Review
            do {
                let input = try IncidentLoader.load(
                    path: path, excluding: [ReviewPipeline.defaultOutputDirectory(for: path)])
                review = ReviewPipeline().makeReview(input: input, options: options)
            } catch let error as DebriefError {
                Console.error(error.description)
                throw ExitCode.failure
            }
            let status = ReviewStatus(review: review, now: options.generatedAt)
            print("\(review.incident.id): \(review.incident.title)")
            print(status.text)
            if status.isOverdue && !status.isComplete { throw ExitCode.failure }
        }
    }
}
