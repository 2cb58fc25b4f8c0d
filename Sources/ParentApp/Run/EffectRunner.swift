import Foundation
import ParentCore
import SchoolStore
import TerminalKit

/// Performs effects. Quick ones that need the terminal (bell, editor,
/// suspend) run on the main thread; slow ones (checking the store, hashing
/// a PIN, syncing) run in order on a worker queue and report back through
/// the `ActionInbox`.
public final class EffectRunner: @unchecked Sendable {
    public let environment: AppEnvironment
    public let inbox: ActionInbox
    private let worker = DispatchQueue(label: "xpressions.worker")
    /// Set once the store is open; only touched on the worker queue.
    private var store: FileStore?
    private var account: ParentAccount?

    public init(environment: AppEnvironment, inbox: ActionInbox) {
        self.environment = environment
        self.inbox = inbox
    }

    /// Runs effects; `backend` is for the ones that need the terminal.
    public func perform(_ effects: [Effect], backend: any TerminalBackend) {
        for effect in effects {
            switch effect {
            case .bell: backend.bell()
            case .redraw: backend.forceRepaint()
            case .suspend: backend.suspend()
            case .quit: break
            case let .editInEditor(initial): edit(initial, backend: backend)
            case let .openURL(url): background { self.open(url) }
            default: background { self.performInBackground(effect) }
            }
        }
    }

    private func background(_ work: @escaping @Sendable () -> Void) {
        inbox.began()
        worker.async {
            work()
            self.inbox.ended()
        }
    }

    /// Waits until every background effect has finished (tests, shutdown).
    public func settle() { worker.sync {} }

    private func performInBackground(_ effect: Effect) {
        do {
            switch effect {
            case .open: try open()
            case let .logIn(email, mobile, lastFour):
                guard let account else { return }
                inbox.post(.loginFinished(try account.logIn(email: email, mobile: mobile, lastFour: lastFour)))
            case let .setPIN(pin, confirmation):
                guard let account else { return }
                inbox.post(.pinSetFinished(refusal: try account.setPIN(pin, confirmation: confirmation)))
            case let .unlock(pin):
                guard let account else { return }
                inbox.post(.unlockFinished(try account.unlock(pin: pin)))
            case .loadModel: try loadModel()
            case let .sync(manual): sync(manual: manual)
            case let .logOut(sendFirst):
                guard let account else { return }
                if sendFirst { sync(manual: true) }
                inbox.post(.loggedOut(unregistered: try account.logOut()))
            case .markRead, .queueMessage:
                break
            default:
                break
            }
        } catch let problems as StoreProblems {
            inbox.post(.failed(problems.problems.first.map(\.description) ?? "The school data could not be read."))
        } catch {
            inbox.post(.failed("Something went wrong: \(error)"))
        }
    }

    private func open() throws {
        let report = StoreValidator(root: environment.storeRoot).validateUsingCache()
        guard report.isValid else {
            inbox.post(.storeInvalid(report.problems.map(\.description)))
            return
        }
        let store = try FileStore(root: environment.storeRoot)
        self.store = store
        let account = ParentAccount(store: store, dataDirectory: environment.dataDirectory, files: environment.files,
                                    clock: environment.clock, settings: environment.settings)
        self.account = account
        let zone = store.schoolIDs().first.flatMap { try? store.school($0).timezone } ?? store.info.demoClock?.timezone ?? "Europe/London"
        inbox.post(.opened(try account.status(), StoreSummary(name: store.info.name, demoLogins: store.info.demoLogins, timezone: zone)))
    }

    private func loadModel() throws {
        guard let store, let account, let session = try account.loadSession() else { return }
        var schools: [School] = []
        var images: [String: RGBImage] = [:]
        for s in session.schools {
            let school = try store.school(s.school)
            schools.append(school)
            if let logo = school.logo, let image = store.image(school: school.id, path: logo) {
                images["\(school.id)/\(logo)"] = RGBImage(width: image.width, height: image.height, pixels: image.rgb)
            }
        }
        for child in session.children {
            if let student = try store.student(child.student, school: child.school)?.value, let photo = student.photo,
               let image = store.image(school: child.school, path: photo) {
                images["\(child.school)/\(photo)"] = RGBImage(width: image.width, height: image.height, pixels: image.rgb)
            }
        }
        inbox.post(.modelLoaded(ModelSnapshot(session: session, schools: schools, images: images)))
    }

    private func sync(manual: Bool) {
        inbox.post(.syncStarted(manual: manual))
        inbox.post(.syncFinished(SyncSummary(finishedAt: environment.clock.now())))
    }

    private func open(_ url: String) {
        let env = environment.processEnvironment
        guard let opener = Spawn.find("xdg-open", path: env["PATH"]) else {
            inbox.post(.notice("No desktop opener here (xdg-open): \(url)"))
            return
        }
        if Spawn.run([opener, url], environment: env, wait: false, quiet: true) != nil {
            inbox.post(.notice("Opened \(url)"))
        } else {
            inbox.post(.notice("Could not start xdg-open: \(url)"))
        }
    }

    /// Writes text in `$VISUAL`/`$EDITOR` (default vi), with the terminal
    /// handed over while it runs; the result comes back as `.editorFinished`.
    private func edit(_ initial: String, backend: any TerminalBackend) {
        let env = environment.processEnvironment
        let command = (env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi")
            .split(separator: " ").map(String.init)
        guard let program = command.first, let path = Spawn.find(program, path: env["PATH"]) else {
            inbox.post(.notice("No editor found: set $EDITOR"))
            return
        }
        let file = "\(NSTemporaryDirectory())/xpressions-message-\(UUID().uuidString).txt"
        do {
            try environment.files.writeAtomically(Array(initial.utf8), to: file)
        } catch {
            inbox.post(.failed("Could not prepare a file for the editor: \(error)"))
            return
        }
        defer { try? environment.files.remove(file) }
        var status: Int32? = nil
        backend.releaseTerminal {
            status = Spawn.run([path] + command.dropFirst() + [file], environment: env, wait: true, quiet: false)
        }
        guard status == 0, let bytes = try? environment.files.read(file) else {
            inbox.post(.editorFinished(nil))
            return
        }
        inbox.post(.editorFinished(String(decoding: bytes, as: UTF8.self)))
    }
}
