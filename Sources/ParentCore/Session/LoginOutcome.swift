import Foundation

/// What a login attempt came to.
public enum LoginOutcome: Sendable, Equatable {
    /// The details checked out: the parent sets a PIN next. Nothing is
    /// written yet; ``ParentAccount/setPIN(_:confirmation:for:)`` makes the
    /// pending login a session.
    case loggedIn(PendingLogin)
    /// Wrong details, whichever part was wrong: always the same message.
    case rejected(message: String, attemptsLeft: Int)
    /// Too many attempts for this email.
    case lockedOut(until: Date)
    /// The details are right but no child is linked to the parent in a way
    /// that lets them see the child (e.g. no parental responsibility).
    case noChildren(message: String)

    /// The single message for every wrong-credential case, so nobody learns
    /// which part was wrong or whether an email is known.
    /// It also covers a refusal caused by the school's data (a number typed
    /// Home, a malformed email), with the advice the parent then needs.
    public static let rejectionText =
        "Those details don't match what your school holds. Check your email address, your mobile number and the last 4 digits of your mobile, then try again. If they are right, ask the school to check that it holds your email address and your mobile number, recorded as a mobile."

    public static let noChildrenText =
        "Your details match a contact at your school, but no child is linked to you in a way that lets you see them (for example, no parental responsibility). Please contact the school office."
}
