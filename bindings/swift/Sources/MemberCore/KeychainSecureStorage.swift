// KeychainSecureStorage: the iOS (and macOS) SecureStorage, over the Keychain.
//
// Compiled only where Apple's Security framework exists. It cannot be built or tested on the
// Linux machine this package's tests run on; the bridge it plugs into (SecureStorage.swift) is
// tested there with InMemorySecureStorage.
#if canImport(Security)
    import Foundation
    import Security

    /// Keeps each key as a generic-password item (`kSecClassGenericPassword`) of service
    /// "org.membercore", account = the key. Items are readable after the first unlock (the sync
    /// thread may run while the device is locked) and never leave this device (no backups,
    /// no iCloud Keychain): a session token is bound to this install.
    public struct KeychainSecureStorage: SecureStorage {
        public let service: String
        /// A keychain access group shared with app extensions, or nil for the app's own.
        public let accessGroup: String?

        public init(service: String = "org.membercore", accessGroup: String? = nil) {
            self.service = service
            self.accessGroup = accessGroup
        }

        public struct KeychainError: Error, Sendable, CustomStringConvertible {
            public let status: OSStatus
            public var description: String {
                let text = SecCopyErrorMessageString(status, nil) as String? ?? "unknown"
                return "Keychain error \(status): \(text)"
            }
        }

        private func query(_ key: String) -> [String: Any] {
            var q: [String: Any] = [
                kSecClass as String: kSecClassGenericPassword,
                kSecAttrService as String: service,
                kSecAttrAccount as String: key,
            ]
            if let accessGroup { q[kSecAttrAccessGroup as String] = accessGroup }
            return q
        }

        public func value(forKey key: String) throws -> String? {
            var q = query(key)
            q[kSecReturnData as String] = true
            q[kSecMatchLimit as String] = kSecMatchLimitOne
            var result: CFTypeRef?
            let status = SecItemCopyMatching(q as CFDictionary, &result)
            if status == errSecItemNotFound { return nil }
            guard status == errSecSuccess, let data = result as? Data else {
                throw KeychainError(status: status)
            }
            return String(decoding: data, as: UTF8.self)
        }

        public func setValue(_ value: String, forKey key: String) throws {
            let data = Data(value.utf8)
            let attributes: [String: Any] = [
                kSecValueData as String: data,
                kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
            ]
            var status = SecItemUpdate(query(key) as CFDictionary, attributes as CFDictionary)
            if status == errSecItemNotFound {
                var add = query(key)
                add.merge(attributes) { _, new in new }
                status = SecItemAdd(add as CFDictionary, nil)
            }
            guard status == errSecSuccess else { throw KeychainError(status: status) }
        }

        public func removeValue(forKey key: String) throws {
            let status = SecItemDelete(query(key) as CFDictionary)
            guard status == errSecSuccess || status == errSecItemNotFound else {
                throw KeychainError(status: status)
            }
        }
    }
#endif
